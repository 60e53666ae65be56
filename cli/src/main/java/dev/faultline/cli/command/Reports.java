package dev.faultline.cli.command;

import dev.faultline.cli.CliFailure;
import dev.faultline.cli.ExitCode;
import dev.faultline.cli.api.FaultlineApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A run's reports from the reporter, which writes them shortly after the verdict (404 until then). */
final class Reports {

    static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private Reports() {
    }

    /** Waits, up to {@code timeout}, until the reporter has the run's report in {@code format}. */
    static byte[] await(FaultlineApi api, String runId, String format, Duration timeout, Clock clock) {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            Optional<byte[]> report = api.report(runId, format);
            if (report.isPresent()) {
                return report.get();
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new CliFailure(ExitCode.UNREACHABLE, "the reporter at " + api.connection().reporter()
                        + " has no " + format + " report of run " + runId + " after " + timeout.toSeconds() + " s",
                        List.of("is the reporter running, and as new as this CLI? ./faultline services status; "
                                + "./faultline logs reporter",
                                "later: ./faultline report " + runId + " --" + format + " -o FILE"));
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliFailure(ExitCode.ABORTED, "interrupted while waiting for the report");
            }
        }
    }

    static void write(Path file, byte[] content) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, content);
        } catch (IOException e) {
            throw new CliFailure(ExitCode.INVALID, "cannot write " + file + ": " + e.getMessage());
        }
    }
}
