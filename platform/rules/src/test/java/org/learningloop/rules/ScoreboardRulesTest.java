package org.learningloop.rules;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.learningloop.rules.ScoreboardRules.Status;

import java.math.BigDecimal;
import java.time.LocalDate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.learningloop.rules.ScoreboardRules.expectedByNow;
import static org.learningloop.rules.ScoreboardRules.leadStatus;
import static org.learningloop.rules.ScoreboardRules.referenceDate;
import static org.learningloop.rules.ScoreboardRules.wigStatus;

/** The scoreboard's verdicts, without any framework. */
class ScoreboardRulesTest {

    private static final LocalDate START = LocalDate.of(2026, 1, 1);
    private static final LocalDate DEADLINE = START.plusDays(100);
    private static final LocalDate HALFWAY = START.plusDays(50);

    private static BigDecimal n(String value) {
        return new BigDecimal(value);
    }

    @Nested
    class ExpectedByNow {

        @Test
        void halfwayInTime_isHalfwayFromFromToTo_inEitherDirection() {
            assertThat(expectedByNow(n("10"), n("30"), START, DEADLINE, HALFWAY)).isEqualByComparingTo("20");
            assertThat(expectedByNow(n("30"), n("10"), START, DEADLINE, HALFWAY)).isEqualByComparingTo("20");
            assertThat(expectedByNow(n("10"), n("30"), START, DEADLINE, START.plusDays(25))).isEqualByComparingTo("15");
        }

        @Test
        void beforeTheStart_isFrom_andAfterTheDeadline_isTo() {
            assertThat(expectedByNow(n("10"), n("30"), START, DEADLINE, START.minusDays(30))).isEqualByComparingTo("10");
            assertThat(expectedByNow(n("10"), n("30"), START, DEADLINE, START)).isEqualByComparingTo("10");
            assertThat(expectedByNow(n("10"), n("30"), START, DEADLINE, DEADLINE)).isEqualByComparingTo("30");
            assertThat(expectedByNow(n("10"), n("30"), START, DEADLINE, DEADLINE.plusDays(400))).isEqualByComparingTo("30");
        }

        @Test
        void referenceDate_isTheWeeksSunday_orTodayWhenEarlier() {
            LocalDate monday = LocalDate.of(2026, 11, 23);
            assertThat(referenceDate(monday, LocalDate.of(2026, 12, 10))).isEqualTo(LocalDate.of(2026, 11, 29));
            assertThat(referenceDate(monday, LocalDate.of(2026, 11, 26))).isEqualTo(LocalDate.of(2026, 11, 26));
            assertThat(referenceDate(monday, LocalDate.of(2026, 11, 29))).isEqualTo(LocalDate.of(2026, 11, 29));
        }
    }

    @Nested
    class WigStatus {

        // halfway from 10 to 30 (a way of 20): expected 20; a tenth of the way is 2

        @Test
        void growingGoal_winningFromTheLineUp_atRiskDownToATenthOfTheWayBelow_thenLosing() {
            assertThat(wigStatus(n("10"), n("30"), n("20"), n("25"))).isEqualTo(Status.WINNING);
            assertThat(wigStatus(n("10"), n("30"), n("20"), n("20"))).isEqualTo(Status.WINNING);
            assertThat(wigStatus(n("10"), n("30"), n("20"), n("19.99"))).isEqualTo(Status.AT_RISK);
            assertThat(wigStatus(n("10"), n("30"), n("20"), n("18"))).isEqualTo(Status.AT_RISK);
            assertThat(wigStatus(n("10"), n("30"), n("20"), n("17.99"))).isEqualTo(Status.LOSING);
            assertThat(wigStatus(n("10"), n("30"), n("20"), n("0"))).isEqualTo(Status.LOSING);
        }

        @Test
        void shrinkingGoal_aheadMeansBelowTheLine() {
            // from 30 down to 10: being at 15 when 20 is expected is ahead
            assertThat(wigStatus(n("30"), n("10"), n("20"), n("15"))).isEqualTo(Status.WINNING);
            assertThat(wigStatus(n("30"), n("10"), n("20"), n("20"))).isEqualTo(Status.WINNING);
            assertThat(wigStatus(n("30"), n("10"), n("20"), n("20.01"))).isEqualTo(Status.AT_RISK);
            assertThat(wigStatus(n("30"), n("10"), n("20"), n("22"))).isEqualTo(Status.AT_RISK);
            assertThat(wigStatus(n("30"), n("10"), n("20"), n("22.01"))).isEqualTo(Status.LOSING);
        }

        @Test
        void withoutAReading_noData() {
            assertThat(wigStatus(n("10"), n("30"), n("20"), null)).isEqualTo(Status.NO_DATA);
        }

        @Test
        void beforeTheStart_theStartValueIsWinning_andAfterTheDeadline_onlyTheTargetIs() {
            BigDecimal beforeStart = expectedByNow(n("10"), n("30"), START, DEADLINE, START.minusDays(7));
            assertThat(wigStatus(n("10"), n("30"), beforeStart, n("10"))).isEqualTo(Status.WINNING);
            BigDecimal afterDeadline = expectedByNow(n("10"), n("30"), START, DEADLINE, DEADLINE.plusDays(7));
            assertThat(wigStatus(n("10"), n("30"), afterDeadline, n("30"))).isEqualTo(Status.WINNING);
            assertThat(wigStatus(n("10"), n("30"), afterDeadline, n("28"))).isEqualTo(Status.AT_RISK);
            assertThat(wigStatus(n("10"), n("30"), afterDeadline, n("27"))).isEqualTo(Status.LOSING);
        }

        @Test
        void labelsAreThoseOfTheApi() {
            assertThat(Status.WINNING.label()).isEqualTo("winning");
            assertThat(Status.AT_RISK.label()).isEqualTo("at-risk");
            assertThat(Status.LOSING.label()).isEqualTo("losing");
            assertThat(Status.NO_DATA.label()).isEqualTo("no-data");
        }
    }

    @Nested
    class LeadStatus {

        private final LocalDate monday = LocalDate.of(2026, 11, 23);
        private final LocalDate wednesday = monday.plusDays(2);
        private final LocalDate sunday = monday.plusDays(6);

        @Test
        void pastWeek_winningAtTheTarget_losingBelowIt() {
            LocalDate later = monday.plusWeeks(1);
            assertThat(leadStatus(5, 5, monday, later)).isEqualTo(Status.WINNING);
            assertThat(leadStatus(6, 5, monday, later)).isEqualTo(Status.WINNING);
            assertThat(leadStatus(4, 5, monday, later)).isEqualTo(Status.LOSING);
            assertThat(leadStatus(0, 5, monday, later.plusYears(1))).isEqualTo(Status.LOSING);
        }

        @Test
        void currentWeek_atRiskWhileOnPace_losingBehindIt() {
            // Wednesday is day 3: on pace with a target of 7 means at least 3
            assertThat(leadStatus(7, 7, monday, wednesday)).isEqualTo(Status.WINNING);
            assertThat(leadStatus(3, 7, monday, wednesday)).isEqualTo(Status.AT_RISK);
            assertThat(leadStatus(2, 7, monday, wednesday)).isEqualTo(Status.LOSING);
        }

        @Test
        void currentWeek_paceIsPartOfTheTarget_notRoundedUp() {
            // Monday, target 5: pace is 5/7, so one activity is on pace and none is behind
            assertThat(leadStatus(1, 5, monday, monday)).isEqualTo(Status.AT_RISK);
            assertThat(leadStatus(0, 5, monday, monday)).isEqualTo(Status.LOSING);
            // Thursday (day 4), target 5: pace 20/7 ≈ 2.86, so 2 is behind and 3 on pace
            assertThat(leadStatus(2, 5, monday, monday.plusDays(3))).isEqualTo(Status.LOSING);
            assertThat(leadStatus(3, 5, monday, monday.plusDays(3))).isEqualTo(Status.AT_RISK);
        }

        @Test
        void onSunday_onlyTheTargetIsOnPace() {
            assertThat(leadStatus(4, 5, monday, sunday)).isEqualTo(Status.LOSING);
            assertThat(leadStatus(5, 5, monday, sunday)).isEqualTo(Status.WINNING);
        }

        @Test
        void weekNotBegun_atRiskUntilTheTargetIsReached() {
            assertThat(leadStatus(0, 5, monday, monday.minusDays(1))).isEqualTo(Status.AT_RISK);
            assertThat(leadStatus(5, 5, monday, monday.minusWeeks(2))).isEqualTo(Status.WINNING);
        }

        @Test
        void targetOfZero_isAlwaysMet() {
            assertThat(leadStatus(0, 0, monday, monday.plusWeeks(3))).isEqualTo(Status.WINNING);
            assertThat(ScoreboardRules.met(0, 0)).isTrue();
            assertThat(ScoreboardRules.met(4, 5)).isFalse();
        }
    }

    @Test
    void rulesDependOnNoFrameworkAndReadNoClock() {
        var classes = new ClassFileImporter().importClasses(ScoreboardRules.class, Status.class);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "io.smallrye..",
                        "io.vertx..", "org.hibernate..", "org.apache.kafka..", "org.learningloop.platform..")
                .check(classes);
        noClasses().should().callMethod(LocalDate.class, "now").check(classes);
    }
}
