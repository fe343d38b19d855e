package org.learningloop.activity.design;

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
import org.learningloop.platform.inbox.Inbox;
import org.learningloop.platform.inbox.IncomingEvent;

import java.time.Clock;

/**
 * Carries out what workplace meetings agree about designs ({@code learning.agreement-made} on
 * {@code loop.learning}): {@code revise-design} records the design's next version caused by the
 * agreement, {@code fork-design} forks its current version for the agreement's segment,
 * {@code retire-design} retires it; each records the agreement id. Each event is applied once (inbox),
 * and an agreement already applied to the design changes nothing when it comes again under another
 * event id. An agreement the rules refuse goes to the dead-letter topic; other kinds are ignored.
 */
@ApplicationScoped
public class DesignAgreements {

    static final String CONSUMER = "activity-service.agreements";
    static final String DEFAULT_RATIONALE = "Agreed at the workplace meeting";

    private final Inbox inbox;
    private final DesignService designs;
    private final Clock clock;

    public DesignAgreements(Inbox inbox, DesignService designs, Clock clock) {
        this.inbox = inbox;
        this.designs = designs;
        this.clock = clock;
    }

    @Incoming("agreements")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.consume(CONSUMER, record, this::apply);
    }

    Uni<Void> apply(SqlConnection tx, IncomingEvent incoming) {
        if (!(incoming.event() instanceof AgreementMade agreement)) {
            return Uni.createFrom().voidItem();
        }
        AgreementKind kind = agreement.kind();
        if (kind != AgreementKind.REVISE_DESIGN && kind != AgreementKind.FORK_DESIGN && kind != AgreementKind.RETIRE_DESIGN) {
            return Uni.createFrom().voidItem();
        }
        if (agreement.designId() == null) {
            throw CommandRejected.unprocessable("agreement-without-design",
                    "Agreement " + agreement.agreementId() + " is about a design but names none",
                    new FieldError("designId", "is required for " + kind));
        }
        String rationale = agreement.rationale() == null || agreement.rationale().isBlank()
                ? DEFAULT_RATIONALE : agreement.rationale().strip();
        CommandContext context = incoming.causes(clock.instant(), CONSUMER);
        if (kind == AgreementKind.REVISE_DESIGN) {
            return designs.reviseIn(tx, agreement.designId(), agreement, rationale, context).replaceWithVoid();
        }
        if (kind == AgreementKind.RETIRE_DESIGN) {
            return designs.retireIn(tx, agreement.designId(), rationale, agreement.agreementId(), context).replaceWithVoid();
        }
        if (agreement.segment() == null || agreement.segment().isBlank()) {
            throw CommandRejected.unprocessable("agreement-without-segment",
                    "Agreement " + agreement.agreementId() + " forks a design but names no segment",
                    new FieldError("segment", "is required for fork-design"));
        }
        return designs.forkIn(tx, agreement.designId(), agreement.segment().strip(), rationale, agreement.agreementId(),
                context);
    }
}
