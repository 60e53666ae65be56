package dev.faultline.cli.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.cli.progress.RunViews;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTableTest {

    @Test
    void aPassShowsEachObjectiveMeasuredAgainstItsThreshold() {
        List<String> lines = VerdictTable.render(VerdictTable.read(RunViews.json("completed-pass").get("verdict")));
        assertThat(lines).containsSequence(
                "objective          threshold  measured  status",
                "-----------------  ---------  --------  ------",
                "max-recovery-time  30.000 s   1.427 s   PASS",
                "min-availability   90.000 %   93.750 %  PASS");
        assertThat(lines).contains(
                "faultline-demo-target  demo-health  0.177 s         1.427 s          93.750 %      5 of 80");
        assertThat(lines).contains("Resilience score: 100/100 (2 of 2 objectives and 0 of 0 checks met)");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("Verdict: PASS");
    }

    @Test
    void aFailShowsWhatWasNotMetAndTheFindings() {
        List<String> lines = VerdictTable.render(VerdictTable.read(RunViews.json("completed-fail").get("verdict")));
        assertThat(lines).contains("max-recovery-time  30.000 s   -         NO_DATA",
                "min-availability   90.000 %   70.000 %  FAIL",
                "- demo-health did not recover within the window");
        assertThat(lines).anyMatch(l -> l.startsWith("faultline-demo-target") && l.contains("not recovered"));
        assertThat(lines).contains("Resilience score: 0/100 (0 of 2 objectives and 0 of 0 checks met, 1 without data)");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("Verdict: FAIL");
    }
}
