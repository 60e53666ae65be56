package dev.faultline.orchestrator.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.experiment.DataIntegrity;
import dev.faultline.testsupport.TestInfrastructure;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** The dry run's topic check against a real broker: an existing topic passes, an absent one is named. */
class IntegrityPreflightIT {

    @Test
    void anExistingTopicPassesAndAnAbsentOneIsNamed() throws Exception {
        String bootstrap = TestInfrastructure.requireKafka();
        String topic = "it-preflight-" + UUID.randomUUID().toString().substring(0, 8);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            try {
                IntegrityPreflight preflight = new IntegrityPreflight(bootstrap);
                assertThat(preflight.problems(new DataIntegrity("orders", "orderId", topic, null))).isEmpty();
                assertThat(preflight.problems(new DataIntegrity("orders", "orderId", topic + "-absent", null)))
                        .singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("integrity.topic");
                            assertThat(v.message()).contains("no topic " + topic + "-absent");
                        });
            } finally {
                admin.deleteTopics(List.of(topic)).all().get();
            }
        }
    }

    @Test
    void aBrokerThatDoesNotAnswerIsSaidSo() {
        assertThat(new IntegrityPreflight("127.0.0.1:1").problems(new DataIntegrity("t", "k", "events", null)))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("could not be checked"));
    }
}
