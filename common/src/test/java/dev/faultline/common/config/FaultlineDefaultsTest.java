package dev.faultline.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.topic.Topics;
import org.junit.jupiter.api.Test;

class FaultlineDefaultsTest {

    private final FaultlineDefaults defaults = new FaultlineDefaults();

    @Test
    void lendsEveryTopicNameFromTopics() {
        assertThat(defaults.getValue(FaultlineDefaults.TOPIC_COMMANDS)).isEqualTo(Topics.COMMANDS);
        assertThat(defaults.getValue(FaultlineDefaults.TOPIC_EVENTS)).isEqualTo(Topics.EVENTS);
        assertThat(defaults.getValue(FaultlineDefaults.TOPIC_VERDICTS)).isEqualTo(Topics.VERDICTS);
        assertThat(defaults.getValue(FaultlineDefaults.TOPIC_AUDIT)).isEqualTo(Topics.AUDIT);
        assertThat(Topics.ALL).containsExactly(Topics.COMMANDS, Topics.EVENTS, Topics.VERDICTS, Topics.AUDIT);
    }

    @Test
    void lendsTheLocalStacksAddresses() {
        assertThat(defaults.getValue(FaultlineDefaults.LOCAL_KAFKA_BOOTSTRAP)).isEqualTo(LocalStack.KAFKA_BOOTSTRAP);
        assertThat(defaults.getValue(FaultlineDefaults.LOCAL_DYNAMODB_ENDPOINT))
                .isEqualTo(LocalStack.DYNAMODB_ENDPOINT);
        assertThat(defaults.getValue(FaultlineDefaults.LOCAL_SNS_ENDPOINT)).isEqualTo(LocalStack.SNS_ENDPOINT);
    }

    @Test
    void everyOtherSourceOverridesIt() {
        // application.properties is 250, the environment 300, system properties 400; AgentIdDefaultSource is 10.
        assertThat(defaults.getOrdinal()).isLessThan(10);
        assertThat(defaults.getValue("faultline.topic-prefix")).isNull();
        assertThat(defaults.getPropertyNames()).hasSize(7);
    }

    @Test
    void kebabCaseOfMappingMethods() {
        assertThat(ConfigurationDocTest.kebab("heartbeatInterval")).isEqualTo("heartbeat-interval");
        assertThat(ConfigurationDocTest.kebab("id")).isEqualTo("id");
    }
}
