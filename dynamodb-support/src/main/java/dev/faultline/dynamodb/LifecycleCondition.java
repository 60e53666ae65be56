package dev.faultline.dynamodb;

import dev.faultline.common.run.RunState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The run lifecycle of {@link RunState} as a DynamoDB condition: a write that moves a run's stored state happens
 * only when the state it finds is one the lifecycle allows the move from, or absent, so a stale or reordered writer
 * can never bring an ended run back. The attribute is named {@code #state} in the expression.
 */
public final class LifecycleCondition {

    public static final String STATE_NAME = "#state";

    private LifecycleCondition() {
    }

    /**
     * {@code attribute_not_exists(#state) OR #state IN (:from0, ...)} for {@code from}, its values added to
     * {@code values}; only {@code attribute_not_exists(#state)} when {@code from} is empty.
     */
    public static String stateAbsentOrIn(Collection<RunState> from, Map<String, AttributeValue> values) {
        List<String> placeholders = new ArrayList<>();
        for (RunState state : from) {
            String placeholder = ":from" + placeholders.size();
            placeholders.add(placeholder);
            values.put(placeholder, AttributeValue.builder().s(state.name()).build());
        }
        return placeholders.isEmpty() ? "attribute_not_exists(" + STATE_NAME + ")"
                : "attribute_not_exists(" + STATE_NAME + ") OR " + STATE_NAME + " IN ("
                        + String.join(", ", placeholders) + ")";
    }
}
