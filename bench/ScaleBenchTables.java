import dev.faultline.dynamodb.DynamoDbClients;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Deletes the DynamoDB tables whose names start with a prefix: bench/scale.sh's orchestrator made them (its run and
 * schedule tables), and nothing else carries the bench's unique prefix. Usage: ScaleBenchTables endpoint prefix
 */
public final class ScaleBenchTables {

    public static void main(String[] args) {
        String prefix = args[1];
        if (prefix.isBlank()) {
            throw new IllegalArgumentException("a table prefix is required");
        }
        try (DynamoDbClient client = DynamoDbClients.build(Optional.of(URI.create(args[0])), "us-east-1")) {
            for (String table : client.listTablesPaginator().tableNames()) {
                if (table.startsWith(prefix)) {
                    client.deleteTable(b -> b.tableName(table));
                    System.out.println("deleted table " + table);
                }
            }
        }
    }
}
