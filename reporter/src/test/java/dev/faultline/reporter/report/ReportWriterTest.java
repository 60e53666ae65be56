package dev.faultline.reporter.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.reporter.RunFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesEveryReportUnderTheRunIdAndLeavesNoTemporaryFile() throws IOException {
        RunReport report = RunReport.of(RunFixtures.failedVerdict("run-1"), RunFixtures.events("run-1"),
                Optional.empty());

        ReportFiles files = new ReportWriter(dir).write(report);

        assertThat(files.json()).isEqualTo(dir.resolve("run-1/report.json"));
        assertThat(files.markdown()).isEqualTo(dir.resolve("run-1/report.md"));
        assertThat(Files.readString(files.json())).isEqualTo(JsonReport.render(report));
        assertThat(Files.readString(files.markdown())).isEqualTo(MarkdownReport.render(report));
        assertThat(files.html()).isEqualTo(dir.resolve("run-1/report.html"));
        assertThat(Files.readString(files.html())).isEqualTo(HtmlReport.render(report));
        assertThat(files.junit()).isEqualTo(dir.resolve("run-1/report.junit.xml"));
        assertThat(Files.readString(files.junit())).isEqualTo(JunitReport.render(report));
        try (Stream<Path> all = Files.list(dir.resolve("run-1"))) {
            assertThat(all.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("report.json", "report.md",
                    "report.html", "report.junit.xml");
        }
    }

    @Test
    void writingAgainReplacesTheReports() throws IOException {
        ReportWriter writer = new ReportWriter(dir);
        writer.write(RunReport.of(RunFixtures.failedVerdict("run-1"), RunFixtures.events("run-1"), Optional.empty()));

        ReportFiles files = writer.write(RunReport.of(RunFixtures.failedVerdict("run-1"),
                java.util.List.of(RunFixtures.runStarted("run-1")), Optional.empty()));

        assertThat(Files.readString(files.markdown())).doesNotContain("fault-injected");
    }

    @Test
    void runIdCannotLeadOutsideTheReportDirectory() {
        RunReport report = RunReport.of(RunFixtures.failedVerdict("../../etc"), java.util.List.of(),
                Optional.empty());

        ReportFiles files = new ReportWriter(dir).write(report);

        assertThat(files.json().normalize()).startsWith(dir);
        assertThat(ReportWriter.directoryName("..")).isEqualTo("__");
        assertThat(ReportWriter.directoryName("run/1 x")).isEqualTo("run_1_x");
    }
}
