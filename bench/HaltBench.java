import dev.faultline.common.event.AgentHalted;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.event.FaultReverted;
import dev.faultline.common.json.ChaosJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
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
 * One halt trial of bench/halt.sh: sends {@code POST /api/v1/halt} and reads the events topic until every agent has
 * confirmed every revert, i.e. an {@code agent-halted} for the halt from each of the expected agents whose reverted
 * faults add up to the expected count, none failed, and a {@code fault-reverted} (cause {@code halted}) seen for
 * each of them. Usage: {@code java -cp <orchestrator's classpath> HaltBench <bootstrap> <events topic>
 * <orchestrator url> <token file> <agents> <faults>}.
 *
 * <p>Every instant is this host's wall clock (the agents run on it too), relative to the moment before the POST.
 * Prints one line of the hops: {@code halt_ms} (the last confirmation seen here: the figure the bench reports),
 * {@code published_ms} (the HaltAll's own timestamp, taken by the orchestrator just before it sends it),
 * {@code answered_ms} (the POST's answer), {@code received_p50_ms/received_max_ms} (each agent's receipt of the
 * HaltAll: its agent-halted's timestamp less its tookMillis), {@code reverted_p50_ms/reverted_max_ms} (each fault's
 * revertedAt), {@code emitted_max_ms} (the last confirmation's own timestamp, when the agent made it) and
 * {@code seen_p50_ms} (each confirmation's arrival here). Exits 1 when the confirmations are not all
 * in within 60 s, or a revert failed.
 */
public final class HaltBench {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: HaltBench <bootstrap> <events topic> <orchestrator url> <token file> <agents> <faults>");
            System.exit(2);
        }
        String topic = args[1];
        String token = java.nio.file.Files.readString(java.nio.file.Path.of(args[3])).strip();
        int agents = Integer.parseInt(args[4]);
        int faults = Integer.parseInt(args[5]);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // The events arrive one by one: a fetch is answered as soon as there is a byte, not after a batch fills.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve the end offsets now, before the halt goes out

            // A fresh JVM's first HTTP request and first event parsed cost it 100-250 ms of class loading: paid here,
            // before the clock starts, so that the figures are Faultline's and not this tool's start-up.
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> latch = http.send(HttpRequest.newBuilder()
                    .uri(URI.create(args[2] + "/api/v1/halt")).header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            ChaosJson.messages().readTree(latch.body());
            ChaosJson.read(ChaosJson.write(AgentHalted.of("warm-up", "warm-up", "warm-up", List.of(), List.of(), 0,
                    java.time.Instant.now())), ChaosEvent.class);
            consumer.poll(Duration.ofMillis(50));

            long start = System.currentTimeMillis();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder()
                    .uri(URI.create(args[2] + "/api/v1/halt?reason=halt-bench"))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            long answered = System.currentTimeMillis() - start;
            if (answer.statusCode() != 200) {
                System.err.println("POST /api/v1/halt answered " + answer.statusCode() + ": " + answer.body());
                System.exit(1);
            }
            var body = ChaosJson.messages().readTree(answer.body());
            String haltId = body.get("haltMessageId").asText();
            long published = java.time.Instant.parse(body.get("haltedAt").asText()).toEpochMilli() - start;

            Map<String, AgentHalted> summaries = new HashMap<>();
            Map<String, Long> revertedAt = new HashMap<>();
            List<Long> seen = new ArrayList<>();
            List<Long> emitted = new ArrayList<>();
            Set<String> failed = new HashSet<>();
            long deadline = start + LIMIT.toMillis();
            long lastSeen = -1;
            while (!complete(summaries, revertedAt, agents, faults)) {
                if (System.currentTimeMillis() > deadline) {
                    System.err.printf("halt %s: within %d s only %d/%d agents confirmed, %d/%d reverts seen; failed: %s%n",
                            haltId, LIMIT.toSeconds(), summaries.size(), agents, revertedAt.size(), faults, failed);
                    System.exit(1);
                }
                var records = consumer.poll(Duration.ofMillis(50));
                long polled = System.currentTimeMillis() - start; // when the batch arrived, not after parsing it
                for (ConsumerRecord<String, String> rec : records) {
                    long now = polled;
                    ChaosEvent event;
                    try {
                        event = ChaosJson.read(rec.value(), ChaosEvent.class);
                    } catch (Exception notAnEvent) {
                        continue; // other message types on the topic are not this bench's business
                    }
                    if (event instanceof AgentHalted halted && haltId.equals(halted.haltMessageId())) {
                        summaries.put(halted.agentId(), halted);
                        failed.addAll(halted.failed());
                        emitted.add(halted.timestamp().toEpochMilli() - start);
                        seen.add(now);
                        lastSeen = now;
                    } else if (event instanceof FaultReverted reverted && "halted".equals(reverted.cause())
                            && reverted.revertedAt().toEpochMilli() >= start - 1000) {
                        revertedAt.put(reverted.faultId(), reverted.revertedAt().toEpochMilli() - start);
                        emitted.add(reverted.timestamp().toEpochMilli() - start);
                        seen.add(now);
                        lastSeen = now;
                    }
                }
            }
            if (!failed.isEmpty()) {
                System.err.println("halt " + haltId + ": reverts failed for " + failed);
                System.exit(1);
            }
            List<Long> received = summaries.values().stream()
                    .map(s -> s.timestamp().toEpochMilli() - s.tookMillis() - start).sorted().toList();
            List<Long> reverted = revertedAt.values().stream().sorted().toList();
            Collections.sort(seen);
            Collections.sort(emitted);
            System.out.printf("halt_ms=%d published_ms=%d answered_ms=%d received_p50_ms=%d received_max_ms=%d"
                            + " reverted_p50_ms=%d reverted_max_ms=%d emitted_max_ms=%d seen_p50_ms=%d agents=%d faults=%d%n",
                    lastSeen, published, answered, median(received), received.get(received.size() - 1),
                    median(reverted), reverted.get(reverted.size() - 1), emitted.get(emitted.size() - 1), median(seen),
                    summaries.size(),
                    reverted.size());
        }
    }

    /** Every agent's summary is in, their reverts add up, and each reverted fault's own event was seen. */
    private static boolean complete(Map<String, AgentHalted> summaries, Map<String, Long> revertedAt, int agents,
            int faults) {
        if (summaries.size() < agents) {
            return false;
        }
        int confirmed = 0;
        for (AgentHalted summary : summaries.values()) {
            for (String faultId : summary.reverted()) {
                if (!revertedAt.containsKey(faultId)) {
                    return false;
                }
                confirmed++;
            }
        }
        return confirmed >= faults;
    }

    private static long median(List<Long> sorted) {
        return sorted.get(sorted.size() / 2);
    }
}
