package org.learningloop.goal.leadmeasure;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.learningloop.contracts.learning.AgreementKind;
import org.learningloop.contracts.learning.AgreementMade;
import org.learningloop.decider.CommandRejected;
import org.learningloop.decider.CommandRejected.FieldError;
import org.learningloop.platform.command.CommandContext;
import org.learningloop.platform.command.Expectation;
import org.learningloop.platform.inbox.Inbox;
import org.learningloop.platform.inbox.IncomingEvent;

import java.time.Clock;

/**
 * Carries out what workplace meetings agree about lead measures ({@code learning.agreement-made} on
 * {@code loop.learning}): a {@code replace-lead-measure} agreement retires the old lead measure and
 * activates its replacement in the inbox's transaction, recording the agreement as the cause. Each
 * event is applied once (inbox); an agreement the rules refuse goes to the dead-letter topic.
 */
@ApplicationScoped
public class LeadMeasureAgreements {

    static final String CONSUMER = "goal-service.agreements";
    static final String DEFAULT_REASON = "Agreed at the workplace meeting";

    private final Inbox inbox;
    private final LeadMeasureService leadMeasures;
    private final Clock clock;

    public LeadMeasureAgreements(Inbox inbox, LeadMeasureService leadMeasures, Clock clock) {
        this.inbox = inbox;
        this.leadMeasures = leadMeasures;
        this.clock = clock;
    }

    @Incoming("agreements")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.consume(CONSUMER, record, this::apply);
    }

    Uni<Void> apply(SqlConnection tx, IncomingEvent incoming) {
        if (!(incoming.event() instanceof AgreementMade agreement) || agreement.kind() != AgreementKind.REPLACE_LEAD_MEASURE) {
            return Uni.createFrom().voidItem();
        }
        if (agreement.leadMeasureId() == null || agreement.replacementLeadMeasureId() == null) {
            throw CommandRejected.unprocessable("agreement-without-lead-measures",
                    "Agreement " + agreement.agreementId() + " replaces a lead measure but does not name both",
                    new FieldError("leadMeasureId", "and replacementLeadMeasureId are required"));
        }
        String reason = agreement.rationale() == null || agreement.rationale().isBlank()
                ? DEFAULT_REASON : agreement.rationale().strip();
        CommandContext context = incoming.causes(clock.instant(), CONSUMER);
        return leadMeasures.replaceIn(tx, agreement.leadMeasureId(), Expectation.any(),
                        agreement.replacementLeadMeasureId(), reason, agreement.agreementId(),
                        "workplace-meeting:" + agreement.workplaceMeetingId(), context)
                .replaceWithVoid();
    }
}
