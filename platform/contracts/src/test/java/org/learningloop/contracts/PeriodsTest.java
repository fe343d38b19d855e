package org.learningloop.contracts;

import org.junit.jupiter.api.Test;
import org.learningloop.contracts.goal.Cadence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The loop's one definition of weeks and months, at the year's edges (issue 17). */
class PeriodsTest {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    @Test
    void theFirstOfJanuary_isInWeekOneOnAThursday_andInTheLastYearsWeek53OnAFriday() {
        assertThat(LocalDate.parse("2026-01-01").getDayOfWeek()).hasToString("THURSDAY");
        assertThat(Periods.week(LocalDate.parse("2026-01-01"))).isEqualTo("2026-W01");
        assertThat(Periods.week(LocalDate.parse("2025-12-29"))).isEqualTo("2026-W01");
        assertThat(LocalDate.parse("2027-01-01").getDayOfWeek()).hasToString("FRIDAY");
        assertThat(Periods.week(LocalDate.parse("2027-01-01"))).isEqualTo("2026-W53");
        assertThat(Periods.week(LocalDate.parse("2027-01-04"))).isEqualTo("2027-W01");
    }

    @Test
    void week53_existsOnlyInTheYearsThatHaveIt() {
        assertThat(Periods.weeksIn(2026)).isEqualTo(53);
        assertThat(Periods.weeksIn(2027)).isEqualTo(52);
        assertThat(Periods.start("2026-W53", Cadence.WEEK)).contains(LocalDate.parse("2026-12-28"));
        assertThat(Periods.start("2027-W53", Cadence.WEEK)).isEmpty();
        assertThat(Periods.start("2027-W00", Cadence.WEEK)).isEmpty();
        assertThat(Periods.start("2026-13", Cadence.MONTH)).isEmpty();
        assertThat(Periods.start("2026-W12", Cadence.MONTH)).isEmpty();
        assertThat(Periods.start("2026-11", Cadence.WEEK)).isEmpty();
        assertThat(Periods.start("2026-11", Cadence.MONTH)).contains(LocalDate.parse("2026-11-01"));
    }

    @Test
    void weeksFollowEachOtherAcrossTheYear_andBelongToTheMonthOfTheirThursday() {
        assertThat(Periods.previousWeek("2027-W01")).isEqualTo("2026-W53");
        assertThat(Periods.index("2027-W01") - Periods.index("2026-W53")).isEqualTo(1);
        assertThat(Periods.periodEnd("2026-W53")).isEqualTo(LocalDate.parse("2027-01-04"));
        assertThat(Periods.periodEnd("2026-12")).isEqualTo(LocalDate.parse("2027-01-01"));
        assertThat(Periods.monthOfWeek("2026-W53")).isEqualTo("2026-12"); // Thursday 31 December
        assertThat(Periods.monthOfWeek("2026-W01")).isEqualTo("2026-01"); // Thursday 1 January
        assertThat(Periods.weeksOf("2026-12")).endsWith("2026-W53");
        assertThat(Periods.weeksOf("2027-01")).startsWith("2027-W01").doesNotContain("2026-W53");
        assertThat(Periods.nextMonth("2026-12")).isEqualTo("2027-01");
        assertThat(Periods.monthOfPeriod("2026-W53")).isEqualTo("2026-12");
    }

    @Test
    void anInstantFallsInTheWeekAndMonthOfTheOrganisationsZone() {
        Instant sundayNightUtc = Instant.parse("2026-12-27T23:30:00Z"); // Monday 00:30 in Stockholm
        assertThat(Periods.week(sundayNightUtc, ZoneId.of("UTC"))).isEqualTo("2026-W52");
        assertThat(Periods.week(sundayNightUtc, STOCKHOLM)).isEqualTo("2026-W53");
        Instant newYearsEveUtc = Instant.parse("2026-12-31T23:30:00Z");
        assertThat(Periods.month(newYearsEveUtc, STOCKHOLM)).isEqualTo("2027-01");
        assertThat(Periods.of(newYearsEveUtc, STOCKHOLM, Cadence.WEEK)).isEqualTo("2026-W53");
        assertThat(Periods.isPeriod("2026-W53")).isTrue();
        assertThat(Periods.isPeriod("November")).isFalse();
    }
}
