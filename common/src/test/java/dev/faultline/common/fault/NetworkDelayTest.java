package dev.faultline.common.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.common.json.ChaosJson;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NetworkDelayTest {

    @Test
    void defaultsToNoJitterAndAutomaticMethod() {
        NetworkDelay delay = new NetworkDelay("10.0.0.5", 5432, Duration.ofMillis(200), null, null);
        assertThat(delay.jitter()).isZero();
        assertThat(delay.method()).isEqualTo(DelayMethod.AUTO);
        assertThat(delay.type()).isEqualTo("network-delay");
        assertThat(delay.lasting()).isTrue();
    }

    @Test
    void refusesEveryBadFieldAtOnce() {
        assertThatThrownBy(() -> new NetworkDelay("-j ACCEPT", 0, Duration.ofMillis(100), Duration.ofMillis(200), null))
                .hasMessageContaining("host: must be an IPv4 address or a DNS name")
                .hasMessageContaining("port: must be between 1 and 65535")
                .hasMessageContaining("jitter: must be at most the delay");
        assertThatThrownBy(() -> new NetworkDelay("db", 5432, null, null, null)).hasMessageContaining("delay: is required");
        assertThatThrownBy(() -> new NetworkDelay("db", 5432, Duration.ofMinutes(1), null, null))
                .hasMessageContaining("delay: must be at most 30s");
        assertThatThrownBy(() -> new NetworkDelay("db", 5432, Duration.ZERO, null, null))
                .hasMessageContaining("delay: must be positive");
    }

    @Test
    void readsFromAnExperiment() throws Exception {
        FaultSpec spec = ChaosJson.experimentsYaml().readValue("""
                type: network-delay
                host: 172.17.0.3
                port: 8080
                delay: 200ms
                jitter: 20ms
                method: proxy
                """, FaultSpec.class);
        assertThat(spec).isEqualTo(new NetworkDelay("172.17.0.3", 8080, Duration.ofMillis(200), Duration.ofMillis(20),
                DelayMethod.PROXY));
        assertThat(ChaosJson.messages().readValue(ChaosJson.write(spec), FaultSpec.class)).isEqualTo(spec);
    }
}
