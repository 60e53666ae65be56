package dev.faultline.reporter.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.run.RunState;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The DynamoDB conditions of the run item's state come from the shared lifecycle, not from hand-written strings. */
class RunStateConditionTest {

    @Test
    void aMoveToAbortedIsAllowedFromRunningAndFinishedOrNoStateYet() {
        Map<String, AttributeValue> values = new HashMap<>();

        String condition = RunStore.allowedFromCondition(RunState.ABORTED, values);

        assertThat(condition).isEqualTo("attribute_not_exists(#state) OR #state IN (:from0, :from1)");
        assertThat(values).containsEntry(":from0", AttributeValue.fromS("RUNNING"))
                .containsEntry(":from1", AttributeValue.fromS("FINISHED"));
    }

    @Test
    void aMoveToFinishedIsAllowedOnlyFromRunning() {
        Map<String, AttributeValue> values = new HashMap<>();

        assertThat(RunStore.allowedFromCondition(RunState.FINISHED, values))
                .isEqualTo("attribute_not_exists(#state) OR #state IN (:from0)");
        assertThat(values).containsOnly(Map.entry(":from0", AttributeValue.fromS("RUNNING")));
    }

    @Test
    void theInitialStateIsOnlySetWhereThereIsNone() {
        assertThat(RunStore.allowedFromCondition(RunState.RUNNING, new HashMap<>()))
                .isEqualTo("attribute_not_exists(#state)");
    }
}
