import dev.faultline.dynamodb.DynamoDbClients;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Deletes what bench/scale.sh made under its unique prefixes, once its orchestrator has stopped (a running one would
 * have the broker create its topics again): the Kafka topics whose names start with the topic prefix, and the
 * DynamoDB tables (the orchestrator's run and schedule tables) whose names start with the table prefix.
 * Usage: ScaleBenchCleanup bootstrap topicPrefix dynamoDbEndpoint tablePrefix
 */
public final class ScaleBenchCleanup {

    public static void main(String[] args) throws Exception {
        String topicPrefix = args[1];
        String tablePrefix = args[3];
        if (topicPrefix.isBlank() || tablePrefix.isBlank()) {
            throw new IllegalArgumentException("both prefixes are required");
        }
        Properties kafka = new Properties();
        kafka.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        try (Admin admin = Admin.create(kafka)) {
            List<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(topicPrefix)).sorted().toList();
            if (!topics.isEmpty()) {
                admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
                System.out.println("deleted topics " + topics);
            }
        }
        try (DynamoDbClient client = DynamoDbClients.build(Optional.of(URI.create(args[2])), "us-east-1")) {
            for (String table : client.listTablesPaginator().tableNames()) {
                if (table.startsWith(tablePrefix)) {
                    client.deleteTable(b -> b.tableName(table));
                    System.out.println("deleted table " + table);
                }
            }
        }
    }
}
