package dev.faultline.common.fault;

import dev.faultline.common.validation.Checks;
import dev.faultline.common.validation.DurationText;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * What happens to one DynamoDB operation, chosen by the operation name of the request's {@code X-Amz-Target}
 * header ({@code DynamoDB_20120810.PutItem} is {@code PutItem}).
 *
 * @param operation    the operation name, e.g. {@code PutItem}
 * @param delay        added before the request is forwarded (or failed); default 0, at most {@link #MAX_DELAY}
 * @param errorPercent share of these requests answered with {@code error} instead of being forwarded, 0 to 100;
 *                     default 0
 * @param error        the error returned; default {@link DynamoDbError#THROTTLING}
 */
public record DynamoDbOperationFault(String operation, Duration delay, Double errorPercent,
        DynamoDbError error) {

    public static final Duration MAX_DELAY = Duration.ofSeconds(30);
    private static final Pattern OPERATION = Pattern.compile("[A-Z][A-Za-z]{1,63}");

    public DynamoDbOperationFault {
        delay = delay == null ? Duration.ZERO : delay;
        error = error == null ? DynamoDbError.THROTTLING : error;
        errorPercent = errorPercent == null ? 0.0 : errorPercent;
        Checks checks = Checks.start().notBlank(operation, "operation");
        if (operation != null && !operation.isBlank()) {
            checks.require(OPERATION.matcher(operation).matches(), "operation",
                    "must be a DynamoDB operation name such as PutItem, was " + operation);
        }
        checks.notNegative(delay, "delay")
                .require(delay.compareTo(MAX_DELAY) <= 0, "delay",
                        "must be at most " + DurationText.format(MAX_DELAY) + ", was " + DurationText.format(delay))
                .inRange(errorPercent, 0, 100, "errorPercent")
                .require(!delay.isZero() || errorPercent > 0, "operation",
                        "a rule for " + operation + " must delay or fail it: give delay or errorPercent")
                .throwIfAny();
    }
}
