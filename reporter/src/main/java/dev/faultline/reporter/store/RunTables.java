package dev.faultline.reporter.store;

import dev.faultline.common.validation.Checks;
import dev.faultline.dynamodb.Tables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The names of the reporter's two tables.
 *
 * @param runs      one item per run, hash key {@code runId}
 * @param runEvents one item per event, hash key {@code runId}, range key {@code eventKey} (time, then message id)
 */
public record RunTables(String runs, String runEvents) {

    public RunTables {
        Checks.start().notBlank(runs, "runs").notBlank(runEvents, "runEvents").throwIfAny();
    }

    /** Creates both tables when absent and waits until they are ACTIVE (see {@link Tables}). */
    public void ensure(DynamoDbClient client) {
        Tables.ensure(client, runs, Tables.partitionKey("runId"));
        Tables.ensure(client, runEvents, Tables.partitionKey("runId"), Tables.sortKey("eventKey"));
    }

    public static RunTables withPrefix(String prefix) {
        String p = prefix == null ? "" : prefix;
        return new RunTables(p + "runs", p + "run-events");
    }
}
