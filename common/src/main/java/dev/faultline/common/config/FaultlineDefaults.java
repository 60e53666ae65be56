package dev.faultline.common.config;

import dev.faultline.common.topic.Topics;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Lends every service the values that Java code owns, so that their application.properties refer to them instead
 * of repeating them: the topic names ({@code faultline.topics.*}, from {@link Topics}) and the local stack's
 * addresses ({@code faultline.local.*}, from {@link LocalStack}). At the lowest priority: application.properties,
 * the environment and system properties all override it. Registered through {@code META-INF/services}; the
 * MicroProfile Config API it implements comes with each service's Quarkus.
 */
public final class FaultlineDefaults implements ConfigSource {

    public static final String TOPIC_COMMANDS = "faultline.topics.commands";
    public static final String TOPIC_EVENTS = "faultline.topics.events";
    public static final String TOPIC_VERDICTS = "faultline.topics.verdicts";
    public static final String TOPIC_AUDIT = "faultline.topics.audit";
    public static final String LOCAL_KAFKA_BOOTSTRAP = "faultline.local.kafka-bootstrap";
    public static final String LOCAL_DYNAMODB_ENDPOINT = "faultline.local.dynamodb-endpoint";
    public static final String LOCAL_SNS_ENDPOINT = "faultline.local.sns-endpoint";

    static final Map<String, String> VALUES = Map.of(
            TOPIC_COMMANDS, Topics.COMMANDS,
            TOPIC_EVENTS, Topics.EVENTS,
            TOPIC_VERDICTS, Topics.VERDICTS,
            TOPIC_AUDIT, Topics.AUDIT,
            LOCAL_KAFKA_BOOTSTRAP, LocalStack.KAFKA_BOOTSTRAP,
            LOCAL_DYNAMODB_ENDPOINT, LocalStack.DYNAMODB_ENDPOINT,
            LOCAL_SNS_ENDPOINT, LocalStack.SNS_ENDPOINT);

    @Override
    public Set<String> getPropertyNames() {
        return VALUES.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return VALUES.get(propertyName);
    }

    @Override
    public String getName() {
        return "faultline-defaults";
    }

    @Override
    public int getOrdinal() {
        return 5;
    }
}
