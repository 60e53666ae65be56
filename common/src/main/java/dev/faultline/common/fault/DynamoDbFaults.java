package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.faultline.common.validation.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Put a DynamoDB-API proxy between the target and its DynamoDB endpoint that delays or fails the chosen operations
 * and passes every other request through untouched. The endpoint must speak plain HTTP (DynamoDB Local, dynalite,
 * a sidecar): the proxy reads each request's operation name, which TLS would hide.
 *
 * @param host       the endpoint as the target addresses it: an IPv4 address, or a name the agent's host resolves
 * @param port       its TCP port
 * @param operations one rule per operation name, at least one
 */
@JsonTypeName("dynamodb-faults")
public record DynamoDbFaults(String host, int port, List<DynamoDbOperationFault> operations) implements FaultSpec {

    public DynamoDbFaults {
        operations = operations == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(operations));
        Checks checks = Endpoints.check(Checks.start(), host, port).notEmpty(operations, "operations");
        Set<String> seen = new HashSet<>();
        for (DynamoDbOperationFault rule : operations) {
            checks.require(rule != null, "operations", "must not contain an empty entry");
            if (rule != null) {
                checks.require(seen.add(rule.operation()), "operations",
                        "names " + rule.operation() + " more than once");
            }
        }
        checks.throwIfAny();
    }

    @Override
    public boolean lasting() {
        return true;
    }
}
