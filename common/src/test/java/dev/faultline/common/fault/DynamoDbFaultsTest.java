package dev.faultline.common.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.common.json.ChaosJson;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DynamoDbFaultsTest {

    @Test
    void readsOneRulePerOperationWithDefaults() throws Exception {
        FaultSpec spec = ChaosJson.experimentsYaml().readValue("""
                type: dynamodb-faults
                host: 172.17.0.5
                port: 8000
                operations:
                  - operation: PutItem
                    errorPercent: 25
                  - operation: GetItem
                    delay: 300ms
                """, FaultSpec.class);
        assertThat(spec).isEqualTo(new DynamoDbFaults("172.17.0.5", 8000, List.of(
                new DynamoDbOperationFault("PutItem", Duration.ZERO, 25.0, DynamoDbError.THROTTLING),
                new DynamoDbOperationFault("GetItem", Duration.ofMillis(300), 0.0, DynamoDbError.THROTTLING))));
        assertThat(spec.type()).isEqualTo("dynamodb-faults");
        assertThat(spec.lasting()).isTrue();
        assertThat(ChaosJson.messages().readValue(ChaosJson.write(spec), FaultSpec.class)).isEqualTo(spec);
    }

    @Test
    void aRuleMustDoSomethingToAValidOperationName() {
        assertThatThrownBy(() -> new DynamoDbOperationFault("PutItem", null, 0.0, null))
                .hasMessageContaining("must delay or fail it");
        assertThatThrownBy(() -> new DynamoDbOperationFault("DynamoDB_20120810.PutItem", null, 10.0, null))
                .hasMessageContaining("operation: must be a DynamoDB operation name");
        assertThatThrownBy(() -> new DynamoDbOperationFault("PutItem", Duration.ofMinutes(2), 101.0, null))
                .hasMessageContaining("delay: must be at most 30s")
                .hasMessageContaining("errorPercent: must be between 0 and 100");
    }

    @Test
    void refusesNoRulesAndDuplicateOperations() {
        assertThatThrownBy(() -> new DynamoDbFaults("dynamodb", 8000, List.of()))
                .hasMessageContaining("operations: must contain at least one entry");
        DynamoDbOperationFault put = new DynamoDbOperationFault("PutItem", null, 100.0, null);
        assertThatThrownBy(() -> new DynamoDbFaults("dynamodb", 8000, List.of(put, put)))
                .hasMessageContaining("names PutItem more than once");
    }

    @Test
    void errorsCarryTheStatusAndTypeTheSdksParse() {
        assertThat(DynamoDbError.THROTTLING.status()).isEqualTo(400);
        assertThat(DynamoDbError.THROTTLING.awsType())
                .isEqualTo("com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException");
        assertThat(DynamoDbError.INTERNAL_ERROR.status()).isEqualTo(500);
    }
}
