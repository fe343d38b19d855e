package org.learningloop.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.learningloop.contracts.SealedText;
import org.learningloop.platform.privacy.TextKeys;
import org.learningloop.platform.security.Roles;

import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Flow;

/**
 * Reads sealed free text (ADR 18) where the API answers: read models and decisions keep the text sealed, and every
 * JSON answer has each sealed text replaced by its plain text, read with the keys this service holds, or by
 * {@value SealedText#ERASED} once its key was deleted (an erasure or the retention), never an error. Free text is
 * not analysts' data: answers to analysts keep it sealed, and so do the streamed exports (not JSON entities).
 */
public class UnsealingResponses {

    private final Pool pool;
    private final TextKeys keys;
    private final ObjectMapper mapper;
    private final CurrentIdentityAssociation identities;

    public UnsealingResponses(Pool pool, TextKeys keys, ObjectMapper mapper, CurrentIdentityAssociation identities) {
        this.pool = pool;
        this.keys = keys;
        this.mapper = mapper;
        this.identities = identities;
    }

    @ServerResponseFilter
    public Uni<Void> unseal(ContainerResponseContext response) {
        Object entity = response.getEntity();
        if (entity == null || entity instanceof String || entity instanceof byte[] || entity instanceof InputStream
                || entity instanceof StreamingOutput || entity instanceof Flow.Publisher<?>
                || !isJson(response.getMediaType())) {
            return Uni.createFrom().voidItem();
        }
        String json;
        try {
            json = mapper.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().voidItem(); // the writer will fail the same way, and answer with a problem
        }
        if (response.getMediaType() != null) {
            // the writer writes a String as it is: the answer is serialised once, here, not again by the writer
            response.setEntity(json, response.getEntityAnnotations(), response.getMediaType());
        }
        Set<UUID> keyIds = new HashSet<>();
        TextKeys.collectKeys(json, keyIds);
        if (keyIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // the answer as the writer would write it, each sealed text replaced in place (a sealed text is plain JSON
        // string content; its text is escaped as the writer escapes), numbers and all else untouched
        // the caller is known by now where an answer holds free text (no endpoint serves it unauthenticated); the
        // identity is asked for without blocking all the same
        return identities.getDeferredIdentity().chain(caller -> !readsFreeText(caller) ? Uni.createFrom().voidItem()
                : keys.find(pool, keyIds).invoke(found -> response.setEntity(keys.unsealJson(json, found),
                        response.getEntityAnnotations(), response.getMediaType())).replaceWithVoid());
    }

    /**
     * Free text is for the organisation's people, not for analysts (docs/privacy.md): an answer to a caller signed in
     * as an analyst (and not also as an org admin) keeps it sealed, as the exports do.
     */
    private static boolean readsFreeText(SecurityIdentity caller) {
        return caller.hasRole(Roles.ORG_ADMIN) || !caller.hasRole(Roles.ANALYST);
    }

    private static boolean isJson(MediaType type) {
        return type == null || type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
                || type.getSubtype().endsWith("+json");
    }
}
