package dev.faultline.orchestrator.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.command.RevertFault;
import dev.faultline.common.target.TargetRef;
import dev.faultline.orchestrator.testing.SentMessages;
import dev.faultline.orchestrator.testing.TestSecurity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestSecurity.class)
class CommandPublisherTest {

    @Inject
    CommandPublisher publisher;
    @Inject
    @Any
    InMemoryConnector connector;

    @Test
    void aWaveGoesOutWholeInItsOrderEachRecordSignedAndKeyedByItsAgent() {
        String agent = "agent-publisher-test";
        int size = 200;
        List<RevertFault> wave = IntStream.range(0, size)
                .mapToObj(i -> RevertFault.of("run-publisher-test", "fault-" + i,
                        new TargetRef(agent, "c" + i, "n" + i), Instant.now()))
                .toList();

        publisher.publishAll(wave);

        // SentMessages verifies every signature against the test's key; other tests share the sink, so filter.
        List<String> sent = SentMessages.commands(connector).stream()
                .filter(c -> agent.equals(c.agentId()))
                .map(c -> ((RevertFault) c).faultId())
                .toList();
        assertThat(sent).containsExactlyElementsOf(wave.stream().map(RevertFault::faultId).toList());
        assertThat(connector.<String>sink("commands").received())
                .filteredOn(m -> m.getPayload().contains(agent))
                .extracting(m -> m.getMetadata(OutgoingKafkaRecordMetadata.class)
                        .map(meta -> String.valueOf(meta.getKey())).orElse("no key"))
                .as("each record keyed by its agent").containsOnly(agent);
    }
}
