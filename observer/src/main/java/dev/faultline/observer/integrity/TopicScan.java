package dev.faultline.observer.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.common.json.ChaosJson;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One scan of the order events' topic from its beginning to its end offsets at the time of the check, counting the
 * events of each acknowledged id. A topic that cannot be read to its end by the deadline is an error, not a
 * partial answer.
 */
final class TopicScan {

    private final String kafkaBootstrap;
    private final Map<String, String> kafkaSecurity;
    private final String topic;
    private final String eventIdField;

    /** @param kafkaSecurity the TLS and SASL client properties of the observer's channels (KafkaSecurity) */
    TopicScan(String kafkaBootstrap, Map<String, String> kafkaSecurity, String topic, String eventIdField) {
        this.kafkaBootstrap = kafkaBootstrap;
        this.kafkaSecurity = kafkaSecurity;
        this.topic = topic;
        this.eventIdField = eventIdField;
    }

    Map<String, Integer> eventsPerId(Set<String> ids, Instant deadline) {
        Properties props = new Properties();
        props.putAll(kafkaSecurity);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        Map<String, Integer> counts = new HashMap<>();
        Duration timeout = Duration.between(Instant.now(), deadline);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalStateException("no time left to scan topic " + topic);
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (!reached(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("topic " + topic + " not read to its end by " + deadline);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    String id = idOf(record);
                    if (id != null && ids.contains(id)) {
                        counts.merge(id, 1, Integer::sum);
                    }
                }
            }
        }
        return counts;
    }

    String method() {
        return "one scan of topic " + topic + " from the beginning to its end offsets, counting events by "
                + (eventIdField == null ? "record key" : "field " + eventIdField);
    }

    private static boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private String idOf(ConsumerRecord<String, String> record) {
        if (eventIdField == null) {
            return record.key();
        }
        try {
            JsonNode value = ChaosJson.messages().readTree(record.value());
            JsonNode id = value == null ? null : value.get(eventIdField);
            return id == null || id.isNull() ? null : id.asText();
        } catch (Exception e) {
            return null; // not JSON: not an order event
        }
    }
}
