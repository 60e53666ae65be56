package dev.faultline.common.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;

/**
 * The JSON mapping of the contract. Two flavours, on purpose:
 * <ul>
 * <li>{@link #messages()} reads leniently (unknown fields are ignored) so that a consumer keeps working when a
 * newer producer adds a field: the compatibility rule of {@code chaos-events};</li>
 * <li>{@link #experiments()} and {@link #experimentsYaml()} read strictly, so that a typo in an experiment file
 * is an error rather than a silently ignored setting.</li>
 * </ul>
 * Instants are ISO-8601 text; durations are written as {@code 250ms}, {@code 30s}.
 */
public final class ChaosJson {

    private static final ObjectMapper MESSAGES = configure(JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build());
    private static final ObjectMapper EXPERIMENTS = configure(JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build());
    private static final ObjectMapper EXPERIMENTS_YAML = configure(YAMLMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build());

    private ChaosJson() {
    }

    public static ObjectMapper messages() {
        return MESSAGES;
    }

    public static ObjectMapper experiments() {
        return EXPERIMENTS;
    }

    public static ObjectMapper experimentsYaml() {
        return EXPERIMENTS_YAML;
    }

    /** Serialises a message for Kafka. The contract's records always serialise; a failure is a programming error. */
    public static String write(Object message) {
        try {
            return MESSAGES.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + message.getClass().getSimpleName(), e);
        }
    }

    /** Reads a message of a known family ({@code ChaosEvent.class}, ...); throws on malformed input. */
    public static <T> T read(String json, Class<T> type) throws JsonProcessingException {
        return MESSAGES.readValue(json, type);
    }

    /**
     * Durations as text ({@code 250ms}, {@code 30s}) both ways: for other mappers that must speak like the contract,
     * such as a REST layer's.
     */
    public static SimpleModule durationsModule() {
        return new SimpleModule("faultline-durations")
                .addSerializer(Duration.class, new DurationTextSerializer())
                .addDeserializer(Duration.class, new DurationTextDeserializer());
    }

    private static <M extends ObjectMapper> M configure(M mapper) {
        mapper.registerModule(new JavaTimeModule());
        mapper.registerModule(durationsModule());
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        return mapper;
    }
}
