package dev.faultline.reporter.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.reporter.RunFixtures;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertTextTest {

    private static final Alert FAIL = new AlertRules(EnumSet.allOf(AlertKind.class), URI.create("http://r:18083"))
            .forVerdict(RunFixtures.failedVerdict("run-1")).orElseThrow();

    @Test
    void theSubjectIsTheHeadlineWithAPrefix() {
        assertThat(AlertText.subject(FAIL)).isEqualTo("[Faultline] run run-1 of kill-web: FAIL");
    }

    @Test
    void aLongSubjectIsCutAtAWordToAHundredCharactersWithAnEllipsis() {
        Alert longOne = withHeadline("run 0123456789abcdef of " + "a-very-long-experiment-name ".repeat(6) + ": FAIL");

        String subject = AlertText.subject(longOne);

        assertThat(subject).hasSizeLessThanOrEqualTo(AlertText.MAX_SUBJECT).endsWith("...");
        assertThat(subject).startsWith("[Faultline] run 0123456789abcdef of a-very-long-experiment-name ");
        assertThat(subject.substring(0, subject.length() - 3)).doesNotEndWith(" ").endsWith("name");
    }

    @Test
    void aSubjectWithoutSpacesIsCutMidWord() {
        String subject = AlertText.subject(withHeadline("x".repeat(300)));

        assertThat(subject).hasSize(AlertText.MAX_SUBJECT).endsWith("x...");
    }

    @Test
    void theSubjectIsPrintableAsciiOnOneLineAsSnsRequires() {
        String subject = AlertText.subject(withHeadline("run r of caf\u00e9\u2014kill\nnext\tline: FAIL"));

        assertThat(subject).isEqualTo("[Faultline] run r of caf??kill next line: FAIL");
        assertThat(subject.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    @Test
    void theBodyHasTheHeadlineEveryFigureAndTheReportLink() {
        assertThat(AlertText.body(FAIL)).isEqualTo("""
                run run-1 of kill-web: FAIL
                - min-availability: measured 87.5 percent vs threshold 99 percent
                - resilience score: 50/100 (1 of 2 objectives and checks met)
                - time to recover: 1234 ms (longest of 1, resolution 250 ms)
                - finding: availability 87.500 % is below the objective of 99.000 %
                report: http://r:18083/api/v1/reports/run-1?format=html
                alert: fail:run-1 at 2024-05-01T10:00:12.300Z
                """);
    }

    static Alert withHeadline(String headline) {
        return new Alert("fail:r", AlertKind.FAIL, "e", "r", null, null, "FAIL", headline, List.of(), 0, null, null,
                Instant.EPOCH);
    }
}
