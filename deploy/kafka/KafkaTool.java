import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Small admin helper for deploy/kafka.sh, compiled against the broker's own jars:
 *
 * <pre>
 *   ready  BOOTSTRAP TIMEOUT_SECONDS        waits until the broker answers metadata requests
 *   topics BOOTSTRAP PARTITIONS TOPIC...    creates the topics that do not exist yet
 *   smoke  BOOTSTRAP TOPIC                  produces one record and reads it back
 *   scram  BOOTSTRAP USER PASSWORD_FILE     creates or replaces USER's SCRAM-SHA-512 credential (the password is
 *                                           read from a file, never from the command line that ps shows)
 * </pre>
 *
 * Exit code 0 on success, 1 on failure (with one line on stderr), 2 on bad usage.
 */
public final class KafkaTool {

    private KafkaTool() {
    }

    public static void main(String[] args) {
        try {
            if (args.length >= 3 && args[0].equals("ready")) {
                ready(args[1], Integer.parseInt(args[2]));
            } else if (args.length >= 4 && args[0].equals("topics")) {
                topics(args[1], Integer.parseInt(args[2]), List.of(args).subList(3, args.length));
            } else if (args.length == 3 && args[0].equals("smoke")) {
                smoke(args[1], args[2]);
            } else if (args.length == 4 && args[0].equals("scram")) {
                scram(args[1], args[2], Path.of(args[3]));
            } else {
                System.err.println("usage: KafkaTool ready BOOTSTRAP TIMEOUT_S | topics BOOTSTRAP PARTITIONS TOPIC... | smoke BOOTSTRAP TOPIC | scram BOOTSTRAP USER PASSWORD_FILE");
                System.exit(2);
            }
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            System.err.println("kafka: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
            System.exit(1);
        }
    }

    private static Admin admin(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        return Admin.create(props);
    }

    /** Ready means: the cluster reports a broker and topic metadata can be listed. */
    private static void ready(String bootstrap, int timeoutSeconds) throws Exception {
        Instant deadline = Instant.now().plusSeconds(timeoutSeconds);
        Exception last = null;
        try (Admin admin = admin(bootstrap)) {
            while (Instant.now().isBefore(deadline)) {
                try {
                    int brokers = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
                    admin.listTopics().names().get(5, TimeUnit.SECONDS);
                    if (brokers > 0) {
                        System.out.println("ready: " + brokers + " broker(s)");
                        return;
                    }
                } catch (Exception e) {
                    last = e;
                }
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("broker at " + bootstrap + " not ready within " + timeoutSeconds + " s"
                + (last == null ? "" : " (last error: " + last.getMessage() + ")"));
    }

    private static void topics(String bootstrap, int partitions, List<String> names) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String name : names) {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, partitions, (short) 1));
                }
            }
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(15, TimeUnit.SECONDS);
                    System.out.println("created topic " + entry.getKey() + " (" + partitions + " partitions)");
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            for (String name : names) {
                if (existing.contains(name)) {
                    System.out.println("topic " + name + " exists");
                }
            }
        }
    }

    /**
     * Upserts a SCRAM-SHA-512 credential through the admin API (over the loopback plaintext listener): the same call
     * for a fresh and an existing data folder, and the broker needs no restart.
     */
    private static void scram(String bootstrap, String user, Path passwordFile) throws Exception {
        String password = Files.readString(passwordFile).strip();
        try (Admin admin = admin(bootstrap)) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)))
                    .all().get(15, TimeUnit.SECONDS);
        }
        System.out.println("SCRAM-SHA-512 credential of " + user + " set");
    }

    /** Writes a unique record and polls until it comes back: proves produce and consume work end to end. */
    private static void smoke(String bootstrap, String topic) throws Exception {
        String payload = "{\"smoke\":\"" + UUID.randomUUID() + "\"}";
        long started = System.nanoTime();
        RecordMetadata written;
        Map<String, Object> producerProps = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
            written = producer.send(new ProducerRecord<>(topic, "smoke", payload)).get(20, TimeUnit.SECONDS);
        }
        Map<String, Object> consumerProps = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "faultline-smoke-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Instant deadline = Instant.now().plusSeconds(30);
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (payload.equals(record.value())) {
                        System.out.printf("smoke ok: wrote %s-%d@%d, read it back after %d ms%n",
                                topic, written.partition(), written.offset(),
                                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                        return;
                    }
                }
            }
        }
        throw new IllegalStateException("record written to " + topic + " was not read back within 30 s");
    }
}
