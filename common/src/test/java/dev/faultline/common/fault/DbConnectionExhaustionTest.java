package dev.faultline.common.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.common.json.ChaosJson;
import org.junit.jupiter.api.Test;

class DbConnectionExhaustionTest {

    @Test
    void holdsABoundedNumberOfConnections() {
        DbConnectionExhaustion spec = new DbConnectionExhaustion("postgres.internal", 5432, 100);
        assertThat(spec.type()).isEqualTo("db-connection-exhaustion");
        assertThat(spec.lasting()).isTrue();
        assertThatThrownBy(() -> new DbConnectionExhaustion("db", 5432, 0))
                .hasMessageContaining("connections: must be between 1 and 2000, was 0");
        assertThatThrownBy(() -> new DbConnectionExhaustion("db", 5432, 2001)).hasMessageContaining("connections");
        assertThatThrownBy(() -> new DbConnectionExhaustion(" ", 70000, 1))
                .hasMessageContaining("host: is required")
                .hasMessageContaining("port: must be between 1 and 65535");
    }

    @Test
    void readsFromAnExperiment() throws Exception {
        FaultSpec spec = ChaosJson.experimentsYaml().readValue("""
                type: db-connection-exhaustion
                host: 172.17.0.4
                port: 5432
                connections: 50
                """, FaultSpec.class);
        assertThat(spec).isEqualTo(new DbConnectionExhaustion("172.17.0.4", 5432, 50));
    }
}
