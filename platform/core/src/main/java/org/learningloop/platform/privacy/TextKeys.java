package org.learningloop.platform.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.learningloop.contracts.EventJson;
import org.learningloop.contracts.SealedText;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;

/**
 * The keys of sealed free text (ADR 18) in the service's database ({@code text_key}): the service's own, stored in
 * the transaction that appends their events, and every other service's, kept from {@code loop.keys}. Deleting a
 * key (an erasure, the retention) erases its texts in every copy, and queues a tombstone for {@code loop.keys} so
 * every other service deletes it too.
 */
public final class TextKeys {

    /** The compacted topic the keys travel on, keyed by key id; a deleted key is a tombstone (ADR 18). */
    public static final String TOPIC = "loop.keys";

    private final TextCipher cipher;
    private final String service;

    /** A key to store: wrapped, with the team and the persons its texts concern. */
    public record NewKey(UUID keyId, String wrapped, UUID teamId, Set<UUID> concerns, Instant createdAt) {
    }

    public TextKeys(TextCipher cipher, String service) {
        this.cipher = cipher;
        this.service = service;
    }

    public TextCipher cipher() {
        return cipher;
    }

    /** Stores the service's own new keys and queues them for {@code loop.keys}; call it in the appending transaction. */
    public Uni<Void> store(SqlClient tx, List<NewKey> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = keys.stream().map(key -> Tuple.tuple().addUUID(key.keyId()).addString(key.wrapped())
                .addString(service).addUUID(key.teamId()).addArrayOfUUID(key.concerns().toArray(UUID[]::new))
                .addOffsetDateTime(OffsetDateTime.ofInstant(key.createdAt(), ZoneOffset.UTC))).toList();
        return tx.preparedQuery("""
                        insert into text_key (key_id, wrapped, origin, team_id, concerns, created_at)
                        values ($1, $2, $3, $4, $5, $6)""")
                .executeBatch(rows)
                .chain(() -> tx.preparedQuery("insert into text_key_outbox (key_id, tombstone) select unnest($1::uuid[]), false")
                        .execute(Tuple.of(keys.stream().map(NewKey::keyId).toArray(UUID[]::new))))
                .replaceWithVoid();
    }

    /** The data keys of {@code keyIds} this service holds (deleted ones are absent). */
    public Uni<Map<UUID, TextCipher.DataKey>> find(SqlClient client, Collection<UUID> keyIds) {
        if (keyIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery("select key_id, wrapped from text_key where key_id = any($1)")
                .execute(Tuple.of(keyIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, TextCipher.DataKey> keys = new HashMap<>();
                    for (Row row : rows) {
                        UUID keyId = row.getUUID("key_id");
                        cipher.unwrap(keyId, row.getString("wrapped")).ifPresent(key -> keys.put(keyId, key));
                    }
                    return keys;
                });
    }

    /**
     * Erases the texts that concern {@code memberId} (they wrote them, or they are about them): deletes their keys
     * here, queues the tombstones that delete them everywhere else, and refuses such keys that arrive later.
     *
     * @return how many keys (events' texts) were deleted here
     */
    public Uni<Integer> forget(SqlClient tx, UUID memberId, Instant now) {
        return tx.preparedQuery("insert into text_key_erased (member_id, erased_at) values ($1, $2) on conflict do nothing")
                .execute(Tuple.of(memberId, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)))
                .chain(() -> deleteAndTombstone(tx, "concerns @> array[$1]::uuid[]", memberId));
    }

    /** Deletes the keys created before {@code before} (the free-text retention), here and, by tombstones, everywhere. */
    public Uni<Integer> expire(SqlClient tx, Instant before) {
        return deleteAndTombstone(tx, "created_at < $1", OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
    }

    private Uni<Integer> deleteAndTombstone(SqlClient tx, String condition, Object parameter) {
        return tx.preparedQuery("""
                        with gone as (delete from text_key where %s returning key_id)
                        insert into text_key_outbox (key_id, tombstone) select key_id, true from gone"""
                        .formatted(condition))
                .execute(Tuple.of(parameter))
                .map(result -> result.rowCount());
    }

    /**
     * Applies one record of {@code loop.keys}: a key another service (or this one) stored, or its tombstone. A key
     * that concerns an erased person is not kept. Idempotent.
     */
    public Uni<Void> apply(SqlClient tx, String keyId, String value) {
        UUID id;
        try {
            id = UUID.fromString(keyId);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Uni.createFrom().voidItem();
        }
        if (value == null) {
            return tx.preparedQuery("delete from text_key where key_id = $1").execute(Tuple.of(id)).replaceWithVoid();
        }
        KeyRecord key;
        try {
            key = EventJson.MAPPER.readValue(value, KeyRecord.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Not a text key record: " + e.getMessage(), e);
        }
        return tx.preparedQuery("""
                        insert into text_key (key_id, wrapped, origin, team_id, concerns, created_at)
                        select $1, $2, $3, $4, $5, $6
                        where not exists (select 1 from text_key_erased where member_id = any($5))
                        on conflict (key_id) do nothing""")
                .execute(Tuple.tuple().addUUID(id).addString(key.wrapped()).addString(key.origin())
                        .addUUID(key.teamId()).addArrayOfUUID(key.concerns().toArray(UUID[]::new))
                        .addOffsetDateTime(OffsetDateTime.ofInstant(key.createdAt(), ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** A key as it travels on {@code loop.keys} (wrapped: useless without the organisation's text key). */
    public record KeyRecord(UUID keyId, String wrapped, String origin, UUID teamId, List<UUID> concerns,
                            Instant createdAt) {
        static KeyRecord of(Row row) {
            return new KeyRecord(row.getUUID("key_id"), row.getString("wrapped"), row.getString("origin"),
                    row.getUUID("team_id"), List.of(row.getArrayOfUUIDs("concerns")),
                    row.getOffsetDateTime("created_at").toInstant());
        }
    }

    /** {@code text} with every sealed text in it read with {@code keys}. */
    public String unseal(String text, Map<UUID, TextCipher.DataKey> keys) {
        if (text == null || !text.contains(SealedText.PREFIX)) {
            return text;
        }
        return replace(text, keys, plain -> plain);
    }

    /** {@code json} with every sealed text in its strings read with {@code keys}, escaped as JSON string content. */
    public String unsealJson(String json, Map<UUID, TextCipher.DataKey> keys) {
        return replace(json, keys, plain -> {
            String quoted = TextNode.valueOf(plain).toString();
            return quoted.substring(1, quoted.length() - 1);
        });
    }

    private String replace(String text, Map<UUID, TextCipher.DataKey> keys, java.util.function.UnaryOperator<String> escape) {
        Matcher matcher = SealedText.TOKEN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            TextCipher.DataKey key = keys.get(UUID.fromString(matcher.group(1)));
            String plain = key == null ? SealedText.ERASED : cipher.unseal(key, matcher.group()).orElse(SealedText.ERASED);
            matcher.appendReplacement(out, Matcher.quoteReplacement(escape.apply(plain)));
        }
        return matcher.appendTail(out).toString();
    }

    /** The key ids of the sealed texts anywhere in {@code text}. */
    public static void collectKeys(String text, Set<UUID> into) {
        if (text != null && text.contains(SealedText.PREFIX)) {
            Matcher matcher = SealedText.TOKEN.matcher(text);
            while (matcher.find()) {
                into.add(UUID.fromString(matcher.group(1)));
            }
        }
    }

    /** The persons an event's texts concern: its actor and every member it names by id. */
    public static Set<UUID> concerns(String actor, String payload) {
        Set<UUID> persons = new HashSet<>();
        addIfUuid(actor, persons);
        try {
            collectMembers(EventJson.MAPPER.readTree(payload), persons);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("Not a JSON payload", e);
        }
        return persons;
    }

    private static void collectMembers(JsonNode node, Set<UUID> into) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                if (name.equals("memberId") || name.endsWith("MemberId") || name.equals("participants")
                        || name.equals("managerId")) {
                    if (field.getValue().isArray()) {
                        field.getValue().forEach(item -> addIfUuid(item.asText(), into));
                    } else {
                        addIfUuid(field.getValue().asText(), into);
                    }
                } else {
                    collectMembers(field.getValue(), into);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(item -> collectMembers(item, into));
        }
    }

    private static void addIfUuid(String text, Set<UUID> into) {
        if (text != null && text.length() == 36) {
            try {
                into.add(UUID.fromString(text));
            } catch (IllegalArgumentException ignored) {
                // an actor that is a service, not a person
            }
        }
    }

    /** The key records waiting for {@code loop.keys}, oldest first: (outbox id, key id, value or null for a tombstone). */
    public Uni<List<Pending>> pending(SqlClient client, int limit) {
        return client.preparedQuery("""
                        select o.id, o.key_id, o.tombstone, k.wrapped, k.origin, k.team_id, k.concerns, k.created_at
                        from text_key_outbox o left join text_key k on k.key_id = o.key_id
                        order by o.id limit $1""")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<Pending> pending = new ArrayList<>();
                    for (Row row : rows) {
                        String value = null;
                        // a key deleted before it was published goes out as its tombstone
                        if (!row.getBoolean("tombstone") && row.getString("wrapped") != null) {
                            try {
                                value = EventJson.MAPPER.writeValueAsString(KeyRecord.of(row));
                            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                        pending.add(new Pending(row.getLong("id"), row.getUUID("key_id"), value));
                    }
                    return pending;
                });
    }

    /** Forgets the published records up to {@code id}. */
    public Uni<Void> published(SqlClient client, long id) {
        return client.preparedQuery("delete from text_key_outbox where id <= $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    /** One record for {@code loop.keys}. */
    public record Pending(long id, UUID keyId, String value) {
    }
}
