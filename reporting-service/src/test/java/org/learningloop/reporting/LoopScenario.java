package org.learningloop.reporting;

import org.learningloop.contracts.LoopEvent;
import org.learningloop.contracts.activity.ActivityCancelled;
import org.learningloop.contracts.activity.ActivityCarriedOut;
import org.learningloop.contracts.activity.ActivityEvaluated;
import org.learningloop.contracts.activity.ActivityPlanned;
import org.learningloop.contracts.activity.Content;
import org.learningloop.contracts.activity.DesignCreated;
import org.learningloop.contracts.activity.DesignRevised;
import org.learningloop.contracts.activity.Filtering;
import org.learningloop.contracts.activity.Frames;
import org.learningloop.contracts.activity.IntentionReached;
import org.learningloop.contracts.activity.QualityScores;
import org.learningloop.contracts.activity.Workplace;
import org.learningloop.contracts.goal.Cadence;
import org.learningloop.contracts.goal.LagMeasure;
import org.learningloop.contracts.goal.LagReadingRecorded;
import org.learningloop.contracts.goal.LeadMeasureActivated;
import org.learningloop.contracts.goal.LeadMeasureProposed;
import org.learningloop.contracts.goal.TeamCreated;
import org.learningloop.contracts.goal.WigDefined;
import org.learningloop.contracts.learning.LearningRecorded;
import org.learningloop.contracts.learning.WigMeetingHeld;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A realistic mix of the three topics' events for one unit's teams, published as the producing services
 * would (CloudEvents headers, encoded through the contract catalog, keyed by team or unit).
 */
public final class LoopScenario {

    /** One event as published. */
    public record Published(String topic, UUID key, String type, Instant time, String streamId, long version,
                            LoopEvent event, UUID eventId) {

        public void publish(String kafka) {
            LoopScenario.publish(kafka, List.of(this));
        }

        /** The same event at another time. */
        public Published at(Instant time) {
            return new Published(topic, key, type, time, streamId, version, event, eventId);
        }

        ProducerRecord<String, String> record() {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key.toString(),
                    ReportingBeans.CATALOG.encode(event));
            String source = "/" + topic.substring("loop.".length()).replace("goals", "goal").replace("activities",
                    "activity") + "-service";
            String[] headers = {"ce_specversion", "1.0", "ce_id", eventId.toString(), "ce_type", type,
                    "ce_source", source, "ce_subject", key.toString(), "ce_time", time.toString(), "ce_streamid", streamId,
                    "ce_streamversion", Long.toString(version)};
            for (int i = 0; i < headers.length; i += 2) {
                record.headers().add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
            }
            return record;
        }
    }

    /** A segment name that needs quoting in CSV: a comma, quotes and a line break. */
    public static final String SMALL_WORKPLACE = "small workplace, \"6-30\"\nemployees";

    public final UUID unit = UUID.randomUUID();
    public final UUID unitWig = UUID.randomUUID();
    public final UUID design = UUID.randomUUID();
    private final List<Published> events = new ArrayList<>();
    private Instant clock;
    private int designVersion = 1;

    public LoopScenario(Instant start) {
        this.clock = start;
        add("loop.goals", unit, "goal.wig-defined.v1", "wig-" + unitWig, 1,
                new WigDefined(unitWig, null, unit, null, "Unit grows", lag()));
        add("loop.activities", unit, "activity.design-created.v1", "design-" + design, 1,
                new DesignCreated(design, unit, null, "Lunch-room visit", "workplace-visit", null, List.of("call-centre"),
                        "Members see the value", new Frames(30, "lunch room, \"quiet\" corner", List.of(), List.of()),
                        new Content(List.of("greet"), List.of("wages")), "Short visits work"));
    }

    public List<Published> events() {
        return events;
    }

    /** Publishes every event of the scenario through one producer, in order. */
    public void publishAll(String kafka) {
        publish(kafka, events);
    }

    public static void publish(String kafka, List<Published> events) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            for (Published event : events) {
                producer.send(event.record());
            }
            producer.flush();
        }
    }

    /** Publishes the events in one Kafka transaction of {@code producer}, as a relay round does (ADR 2). */
    public static void publishInTransaction(KafkaProducer<String, String> producer, List<Published> events) {
        producer.beginTransaction();
        events.forEach(event -> producer.send(event.record()));
        producer.commitTransaction();
    }

    /** A transactional producer, as the relays use (the caller calls {@code initTransactions} and closes it). */
    public static KafkaProducer<String, String> transactionalProducer(String kafka, String transactionalId) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    /** A team of the unit through {@code weeks} weeks of its loop: WIG, lead measure, activities, meetings. */
    public UUID team(String name, int weeks) {
        UUID team = UUID.randomUUID();
        UUID wig = UUID.randomUUID();
        UUID lead = UUID.randomUUID();
        add("loop.goals", team, "goal.team-created.v1", "team-" + team, 1, new TeamCreated(team, unit, name));
        add("loop.goals", team, "goal.wig-defined.v1", "wig-" + wig, 1,
                new WigDefined(wig, team, unit, unitWig, "Grow " + name, lag()));
        add("loop.goals", team, "goal.lead-measure-proposed.v1", "lead-" + lead, 1,
                new LeadMeasureProposed(lead, wig, team, unit, "Workplace visits", "workplace-visit", 5,
                        "Visits recruit members", null));
        add("loop.goals", team, "goal.lead-measure-activated.v2", "lead-" + lead, 2,
                new LeadMeasureActivated(lead, wig, team, unit, "workplace-visit", 5, null, null, null, null, clock));
        List<UUID> open = List.of();
        for (int week = 1; week <= weeks; week++) {
            for (int n = 0; n < 2; n++) {
                UUID activity = UUID.randomUUID();
                String segment = n == 0 ? "call-centre" : SMALL_WORKPLACE;
                add("loop.activities", team, "activity.planned.v1", "activity-" + activity, 1,
                        new ActivityPlanned(activity, team, unit, "workplace-visit", lead, design, 1, clock.plusSeconds(3600),
                                new Workplace("Site, \"North\"", segment, 20), List.of(), "prep", null));
                if (week % 3 == 0 && n == 1) {
                    add("loop.activities", team, "activity.cancelled.v1", "activity-" + activity, 2,
                            new ActivityCancelled(activity, team, unit, "site closed"));
                    continue;
                }
                add("loop.activities", team, "activity.carried-out.v1", "activity-" + activity, 2,
                        new ActivityCarriedOut(activity, team, unit, "workplace-visit", lead, design, 1, segment,
                                clock, 4, 3 + n, n == 0 ? IntentionReached.YES : IntentionReached.PARTLY, List.of(),
                                Map.of("membersRecruited", week % 4, "leafletsLeft", n)));
                if (week < weeks) {
                    add("loop.activities", team, "activity.evaluated.v1", "activity-" + activity, 3,
                            new ActivityEvaluated(activity, team, unit, design, 1, segment,
                                    new Filtering(List.of("signal"), List.of("noise")),
                                    new QualityScores(4, 3, 4, 5, 4, 3), List.of()));
                }
            }
            add("loop.goals", team, "goal.lag-reading-recorded.v1", "wig-" + wig, week + 1,
                    new LagReadingRecorded(wig, team, unit, "2026-" + String.format("%02d", Math.min(12, week)),
                            new BigDecimal(10 + week)));
            UUID learning = UUID.randomUUID();
            add("loop.learning", team, "learning.learning-recorded.v1", "learning-" + learning, 1,
                    new LearningRecorded(learning, team, unit, "Insight, with \"quotes\"\nand a new line", "frames",
                            List.of(), List.of(), null));
            UUID commitment = UUID.randomUUID();
            List<WigMeetingHeld.Accountability> accounted = open.stream()
                    .map(id -> new WigMeetingHeld.Accountability(id, true, null)).toList();
            UUID meeting = UUID.randomUUID();
            add("loop.learning", team, "learning.wig-meeting-held.v1", "wig-meeting-" + meeting, 1,
                    new WigMeetingHeld(meeting, team, unit, "2026-W" + String.format("%02d", 10 + week), accounted,
                            List.of(new WigMeetingHeld.Commitment(commitment, UUID.randomUUID(), "Visit site " + week,
                                    lead, "2026-W" + String.format("%02d", 11 + week))), List.of(learning)));
            open = List.of(commitment);
        }
        designVersion++;
        add("loop.activities", unit, "activity.design-revised.v1", "design-" + design, designVersion,
                new DesignRevised(design, unit, null, designVersion, "Members see the value sooner", null, null, null,
                        "learning", null));
        return team;
    }

    private void add(String topic, UUID key, String type, String streamId, long version, LoopEvent event) {
        clock = clock.plus(Duration.ofMinutes(7));
        events.add(new Published(topic, key, type, clock, streamId, version, event, UUID.randomUUID()));
    }

    private static LagMeasure lag() {
        return new LagMeasure("net-new-members", "members/month", new BigDecimal("10"), new BigDecimal("30"),
                LocalDate.parse("2026-07-01"), LocalDate.parse("2027-06-30"), Cadence.MONTH);
    }
}
