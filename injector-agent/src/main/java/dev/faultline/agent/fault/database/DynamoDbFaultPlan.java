package dev.faultline.agent.fault.database;

import dev.faultline.common.fault.DynamoDbError;
import dev.faultline.common.fault.DynamoDbOperationFault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Decides, per request, what the DynamoDB proxy does: from the operation name in {@code X-Amz-Target}. */
public final class DynamoDbFaultPlan {

    /** What to do with one request. A request no rule names passes through: {@link #PASS}. */
    public record Decision(Duration delay, Optional<DynamoDbError> error) {
        public static final Decision PASS = new Decision(Duration.ZERO, Optional.empty());
    }

    private final Map<String, DynamoDbOperationFault> byOperation;
    private final Random random;

    public DynamoDbFaultPlan(List<DynamoDbOperationFault> rules, Random random) {
        this.byOperation = rules.stream().collect(Collectors.toUnmodifiableMap(
                DynamoDbOperationFault::operation, Function.identity()));
        this.random = random;
    }

    /**
     * The operation of an {@code X-Amz-Target} value: {@code DynamoDB_20120810.PutItem} is {@code PutItem}.
     * Empty for a request without one (not a DynamoDB API call).
     */
    public static Optional<String> operationOf(String amzTarget) {
        if (amzTarget == null || amzTarget.isBlank()) {
            return Optional.empty();
        }
        int dot = amzTarget.lastIndexOf('.');
        String operation = amzTarget.substring(dot + 1).trim();
        return operation.isEmpty() ? Optional.empty() : Optional.of(operation);
    }

    public Decision decide(String amzTarget) {
        DynamoDbOperationFault rule = operationOf(amzTarget).map(byOperation::get).orElse(null);
        if (rule == null) {
            return Decision.PASS;
        }
        boolean fail = rule.errorPercent() >= 100
                || rule.errorPercent() > 0 && nextPercent() < rule.errorPercent();
        return new Decision(rule.delay(), fail ? Optional.of(rule.error()) : Optional.empty());
    }

    private synchronized double nextPercent() {
        return random.nextDouble() * 100;
    }
}
