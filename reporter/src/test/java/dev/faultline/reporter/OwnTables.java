package dev.faultline.reporter;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** The reporter's tables (runs, events, alerts) under a test's own prefix, dropped after the test. */
public final class OwnTables {

    private OwnTables() {
    }

    public static void drop(DynamoDbClient dynamo, String tablePrefix) {
        for (String table : List.of(tablePrefix + "runs", tablePrefix + "run-events", tablePrefix + "alerts")) {
            try {
                dynamo.deleteTable(b -> b.tableName(table));
            } catch (ResourceNotFoundException alreadyGone) {
                // nothing to clean up
            }
        }
    }
}
