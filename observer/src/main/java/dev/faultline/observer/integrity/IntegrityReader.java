package dev.faultline.observer.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.common.experiment.DataIntegrity;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.verdict.IntegrityReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Reads back, after a run, the acknowledged writes: BatchGetItem on the table (100 keys a call, unprocessed keys
 * retried) and one scan of the topic from its beginning to its end offsets at the time of the check. Bounded in
 * time: a topic that cannot be read to its end within {@code timeout} is an error, not a partial answer.
 */
public final class IntegrityReader {

    private static final int BATCH = 100;

    private final DynamoDbClient dynamo;
    private final String kafkaBootstrap;
    private final Duration timeout;

    public IntegrityReader(DynamoDbClient dynamo, String kafkaBootstrap, Duration timeout) {
        this.dynamo = dynamo;
        this.kafkaBootstrap = kafkaBootstrap;
        this.timeout = timeout;
    }

    public IntegrityReport check(DataIntegrity spec, Collection<String> acknowledged) {
        Set<String> ids = new TreeSet<>(acknowledged);
        Set<String> inTable = presentInTable(spec, ids);
        Map<String, Integer> events = eventsPerId(spec, ids);
        String method = "after the run: BatchGetItem of every acknowledged id on table " + spec.table() + " (key "
                + spec.keyAttribute() + "), and one scan of topic " + spec.topic() + " from the beginning to its end"
                + " offsets, counting events by " + (spec.eventIdField() == null ? "record key"
                        : "field " + spec.eventIdField()) + "; exact counts";
        return IntegrityCheck.compare(ids, inTable, events, method);
    }

    Set<String> presentInTable(DataIntegrity spec, Set<String> ids) {
        Set<String> found = new HashSet<>();
        List<String> all = new ArrayList<>(ids);
        Instant deadline = Instant.now().plus(timeout);
        for (int i = 0; i < all.size(); i += BATCH) {
            List<Map<String, AttributeValue>> keys = all.subList(i, Math.min(all.size(), i + BATCH)).stream()
                    .map(id -> Map.of(spec.keyAttribute(), AttributeValue.fromS(id)))
                    .toList();
            Map<String, KeysAndAttributes> request = Map.of(spec.table(), KeysAndAttributes.builder().keys(keys)
                    .consistentRead(true).projectionExpression("#k")
                    .expressionAttributeNames(Map.of("#k", spec.keyAttribute())).build());
            while (!request.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("table " + spec.table() + " not read back within " + timeout);
                }
                Map<String, KeysAndAttributes> pending = request;
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(pending));
                response.responses().getOrDefault(spec.table(), List.of())
                        .forEach(item -> found.add(item.get(spec.keyAttribute()).s()));
                request = response.unprocessedKeys() == null ? Map.of() : response.unprocessedKeys();
            }
        }
        return found;
    }

    Map<String, Integer> eventsPerId(DataIntegrity spec, Set<String> ids) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        Map<String, Integer> counts = new HashMap<>();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(spec.topic(), timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (!reached(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("topic " + spec.topic() + " not read to its end within " + timeout);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    String id = idOf(spec, record);
                    if (id != null && ids.contains(id)) {
                        counts.merge(id, 1, Integer::sum);
                    }
                }
            }
        }
        return counts;
    }

    private static boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static String idOf(DataIntegrity spec, ConsumerRecord<String, String> record) {
        if (spec.eventIdField() == null) {
            return record.key();
        }
        try {
            JsonNode value = ChaosJson.messages().readTree(record.value());
            JsonNode id = value == null ? null : value.get(spec.eventIdField());
            return id == null || id.isNull() ? null : id.asText();
        } catch (Exception e) {
            return null; // not JSON: not an order event
        }
    }
}
