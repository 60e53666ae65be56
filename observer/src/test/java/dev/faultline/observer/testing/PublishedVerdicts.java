package dev.faultline.observer.testing;

import static org.awaitility.Awaitility.await;

import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.VerdictMessage;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;

/** What the observer published on its in-memory verdicts channel, as the flow tests read it. */
public final class PublishedVerdicts {

    private PublishedVerdicts() {
    }

    /** One published message, read as the contract's readers do. */
    public static VerdictMessage read(String json) {
        try {
            return ChaosJson.read(json, VerdictMessage.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the run's verdict on {@code verdicts}; fails the test when none comes within {@code timeout}. */
    public static RunVerdict awaitVerdict(InMemorySink<String> verdicts, String runId, Duration timeout) {
        return await("a verdict for " + runId).atMost(timeout)
                .until(() -> verdicts.received().stream()
                        .map(message -> read(message.getPayload()))
                        .filter(m -> m instanceof RunVerdict v && v.runId().equals(runId))
                        .map(RunVerdict.class::cast)
                        .findFirst(), Optional::isPresent)
                .get();
    }
}
