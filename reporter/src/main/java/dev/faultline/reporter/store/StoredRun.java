package dev.faultline.reporter.store;

import dev.faultline.common.run.RunState;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.verdict.RunVerdict;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A run item as read back. Attributes are optional because events can arrive in any order: a verdict may create the
 * item before its RunStarted does.
 */
public record StoredRun(
        String runId,
        RunState state,
        String experimentName,
        String experimentJson,
        String startedAt,
        String finishedAt,
        String verdict,
        String verdictJson,
        String reportJsonPath,
        String reportMarkdownPath,
        String completedAt) {

    static StoredRun from(Map<String, AttributeValue> item) {
        String state = text(item, RunStore.STATE);
        return new StoredRun(
                text(item, RunStore.RUN_ID),
                state == null ? null : RunState.valueOf(state),
                text(item, "experimentName"),
                text(item, "experimentJson"),
                text(item, "startedAt"),
                text(item, "finishedAt"),
                text(item, "verdict"),
                text(item, "verdictJson"),
                text(item, "reportJsonPath"),
                text(item, "reportMarkdownPath"),
                text(item, "completedAt"));
    }

    /** The verdict the run was completed with, if it has one. */
    public Optional<RunVerdict> runVerdict() {
        return read(verdictJson, RunVerdict.class, "verdict");
    }

    /** When the run was created as far as the reporter knows: its start, else its completion; null without either. */
    public java.time.Instant createdAt() {
        String at = startedAt != null ? startedAt : completedAt;
        return at == null ? null : java.time.Instant.parse(at);
    }

    /** The experiment as RunStarted carried it, if that event has been stored. */
    public Optional<Experiment> experiment() {
        return read(experimentJson, Experiment.class, "experiment");
    }

    private <T> Optional<T> read(String json, Class<T> type, String what) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ChaosJson.messages().readValue(json, type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("run " + runId + " holds an unreadable " + what, e);
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
