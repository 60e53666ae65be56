package dev.faultline.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The factory as SmallRye Config runs it in a service: settings from another source in, {@code kafka.*} out. */
class KafkaSecurityConfigFactoryTest {

    private static SmallRyeConfig config(Map<String, String> settings) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(settings, "environment-like", 300))
                .withSources(new KafkaSecurityConfigFactory())
                .build();
    }

    @Test
    void lendsTheDerivedPropertiesToThePassThroughAndLetsADirectOneWin() {
        SmallRyeConfig config = config(Map.of(KafkaSecurity.PROTOCOL, "SASL_SSL", KafkaSecurity.USERNAME, "faultline",
                KafkaSecurity.PASSWORD, "pw", "kafka.sasl.mechanism", "SCRAM-SHA-256"));
        assertThat(config.getValue("kafka.security.protocol", String.class)).isEqualTo("SASL_SSL");
        assertThat(config.getValue("kafka.sasl.jaas.config", String.class)).contains("username=\"faultline\"");
        assertThat(config.getValue("kafka.sasl.mechanism", String.class)).as("set directly, above the factory")
                .isEqualTo("SCRAM-SHA-256");
        assertThat(config.getPropertyNames()).contains("kafka.sasl.jaas.config");
    }

    @Test
    void nothingSetLendsNothing() {
        assertThat(config(Map.of()).getOptionalValue("kafka.security.protocol", String.class)).isEmpty();
    }

    @Test
    void aHalfConfiguredServiceFailsItsConfiguration() {
        assertThatThrownBy(() -> config(Map.of(KafkaSecurity.PROTOCOL, "SASL_SSL")))
                .hasStackTraceContaining("refusing to start");
    }
}
