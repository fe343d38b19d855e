package org.learningloop.goal.wig;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.learningloop.contracts.goal.Cadence;
import org.learningloop.goal.wig.WigState.DefinedWig;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The JSON shapes of the WIG API. */
public final class WigApi {

    private WigApi() {
    }

    @Schema(description = "A new WIG: organisation (no team, no unit), unit, or team WIG")
    public record DefineWigRequest(
            @NotBlank @Size(max = 200) @Schema(example = "Grow from 10 to 30 net new members a month") String title,
            @Schema(description = "The WIG team; none for a unit or organisation WIG") UUID teamId,
            @Schema(description = "The unit (region office)") UUID unitId,
            @Schema(description = "The unit's or organisation's WIG this one aims at") UUID parentWigId,
            @NotNull @Valid LagMeasureRequest lagMeasure) {
    }

    @Schema(description = "From X to Y by when")
    public record LagMeasureRequest(
            @NotBlank @Size(max = 100) @Schema(example = "net-new-members") String metric,
            @NotBlank @Size(max = 100) @Schema(example = "members/month") String unit,
            @NotNull @DecimalMin("-1000000000000") @DecimalMax("1000000000000")
            @Digits(integer = 13, fraction = 4) BigDecimal from,
            @NotNull @DecimalMin("-1000000000000") @DecimalMax("1000000000000")
            @Digits(integer = 13, fraction = 4) BigDecimal to,
            @Schema(description = "Defaults to today in the organisation's time zone") LocalDate startDate,
            @NotNull @Schema(example = "2027-06-30") LocalDate deadline,
            @Schema(description = "How often the lag measure is read; default month") Cadence cadence) {
    }

    @Schema(description = "The lag measure's value for one period; a second reading for a period corrects the first")
    public record LagReadingRequest(
            @NotBlank @Schema(example = "2026-11", description = "2026-11 for monthly, 2026-W48 for weekly measures") String period,
            @NotNull @DecimalMin("-1000000000000") @DecimalMax("1000000000000")
            @Digits(integer = 13, fraction = 4) BigDecimal value) {
    }

    @Schema(description = "New title, target or deadline; leave out what stays. At least one is needed.")
    public record ReviseWigRequest(
            @Size(min = 1, max = 200) @jakarta.validation.constraints.Pattern(regexp = org.learningloop.contracts.Bounds.NOT_BLANK,
                    message = "must not be blank") String title,
            @DecimalMin("-1000000000000") @DecimalMax("1000000000000") @Digits(integer = 13, fraction = 4)
            BigDecimal to,
            LocalDate deadline,
            @Size(max = 500) @Schema(description = "Why the WIG changes") String reason) {

        @jakarta.validation.constraints.AssertTrue(message = "give at least one of title, to, deadline")
        @Schema(hidden = true)
        public boolean isAnythingChanged() {
            return title != null || to != null || deadline != null;
        }
    }

    @Schema(description = "Why the WIG is given up")
    public record AbandonWigRequest(@NotBlank @Size(max = 500) @Schema(example = "The two regions merged") String reason) {
    }

    @Schema(description = "One event of the WIG's history")
    public record HistoryEntry(long version, String type, java.time.Instant occurredAt,
                               @Schema(implementation = Object.class) com.fasterxml.jackson.databind.JsonNode data) {
    }

    public record LagMeasureView(String metric, String unit, BigDecimal from, BigDecimal to, LocalDate startDate,
                                 LocalDate deadline, Cadence cadence) {
    }

    public record ReadingView(String period, BigDecimal value) {
    }

    @Schema(description = "A WIG as it stands; version is also the ETag")
    public record WigView(UUID id, String title, UUID teamId, UUID unitId, UUID parentWigId, LagMeasureView lagMeasure,
                          BigDecimal currentValue, String currentPeriod, List<ReadingView> readings,
                          @Schema(enumeration = {"active", "achieved", "abandoned"}) String status, long version) {

        static WigView of(DefinedWig wig, long version) {
            var lag = wig.lagMeasure();
            return new WigView(wig.wigId(), wig.title(), wig.teamId(), wig.unitId(), wig.parentWigId(),
                    new LagMeasureView(lag.metric(), lag.unit(), lag.from(), lag.to(), lag.startDate(), lag.deadline(),
                            lag.cadence()),
                    wig.currentValue(), wig.currentPeriod(),
                    wig.readings().entrySet().stream().map(e -> new ReadingView(e.getKey(), e.getValue())).toList(),
                    wig.status().name().toLowerCase(), version);
        }
    }
}
