package dev.faultline.orchestrator.load;

import static dev.faultline.orchestrator.testing.TestSecurity.asOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.target.ContainerInfo;
import dev.faultline.orchestrator.api.RunResourceTest;
import dev.faultline.orchestrator.testing.TestSecurity;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An experiment whose load test cannot run here is refused before anything starts, saying how to fix it. */
@QuarkusTest
@io.quarkus.test.common.QuarkusTestResource(TestSecurity.class)
class LoadTestApiTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @Test
    void withoutArtilleryARunWithLoadGets422SayingHowToInstallItAndNothingIsSent() {
        String name = "load-" + UUID.randomUUID().toString().substring(0, 8);
        connector.source("events-in").send(ChaosJson.write(AgentHeartbeat.of("agent-" + name, "host-l",
                Duration.ofSeconds(30), List.of(new ContainerInfo("cid-" + name, name, "img", "running",
                        Map.of("faultline.enabled", "true"))), Instant.now())));
        InMemorySink<String> commands = connector.sink("commands");
        InMemorySink<String> events = connector.sink("events-out");
        commands.clear();
        events.clear();
        String experiment = RunResourceTest.EXPERIMENT.replace("CONTAINER", name)
                + "load: {url: 'http://127.0.0.1:9/x', arrivalRate: 5}\n";

        for (String path : List.of("/api/v1/runs?dryRun=true", "/api/v1/runs")) {
            asOperator().contentType(RunResourceTest.YAML).body(experiment)
                    .when().post(path)
                    .then().statusCode(422)
                    .body("error", containsString("load test cannot run"))
                    .body("violations.field", hasItem(equalTo("load")))
                    .body("violations.message", hasItem(containsString("./faultline artillery")));
        }
        assertThat(commands.received()).isEmpty();
        assertThat(events.received()).isEmpty();
    }
}
