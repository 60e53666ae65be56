package dev.faultline.common.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Lends every service's Kafka clients the properties {@link KafkaSecurity} derives from the {@code faultline.kafka.*}
 * settings, as {@code kafka.*}: Quarkus passes every {@code kafka.*} property to each channel's producer and consumer,
 * so no channel has to repeat them. A contradictory or incomplete setting fails the configuration, so the service
 * does not start. Registered through {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}; the SmallRye
 * Config API comes with each service's Quarkus.
 *
 * <p>Below application.properties (ordinal 150): a {@code kafka.ssl.*} or {@code kafka.sasl.*} property set directly
 * (e.g. {@code KAFKA_SASL_JAAS_CONFIG}) wins over the derived one.
 */
public final class KafkaSecurityConfigFactory implements ConfigSourceFactory {

    static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> client = KafkaSecurity.resolve(name -> value(context, name));
        Map<String, String> prefixed = client.entrySet().stream()
                .collect(Collectors.toMap(e -> "kafka." + e.getKey(), Map.Entry::getValue));
        return List.of(new MapBackedConfigSource("faultline-kafka-security", prefixed, ORDINAL) {
        });
    }

    private static Optional<String> value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return Optional.ofNullable(value == null ? null : value.getValue());
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
