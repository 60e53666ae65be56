import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.dynamodb.DynamoDbClients;
import dev.faultline.reporter.MessageTypes;
import dev.faultline.reporter.store.RunStore;
import dev.faultline.reporter.store.RunTables;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads back what the reporter stored of some runs, through the reporter's own store code (RunStore,
 * RunTables, its client settings), for bench/control-plane-trials.sh. Usage:
 * {@code java -cp <reporter's classpath> ControlPlaneStore.java <endpoint> <table prefix> <runId>...}
 *
 * <p>Prints per run one line {@code run <id> state=<S> verdict=<V> abortReason=<text>} ({@code -} when absent; the
 * run item's own attributes, so a run the reporter never heard of shows {@code state=-}), with a verdict its first
 * finding as {@code finding <id> <text>}, then one line {@code event <id> <type> <messageId>} per stored event,
 * oldest first. With {@code --drop-tables} instead of run ids it deletes the tables whose names carry the prefix (the bench's own).
 */
public final class ControlPlaneStore {

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: ControlPlaneStore <endpoint> <table prefix> <runId>...");
            System.exit(2);
        }
        RunTables tables = RunTables.withPrefix(args[1]);
        try (DynamoDbClient client = DynamoDbClients.build(Optional.of(URI.create(args[0])), "us-east-1")) {
            if (args[2].equals("--drop-tables")) {
                // The bench's own tables, at its end: the reporter's two (its table prefix) and the orchestrator's
                // run table (named after the bench's topic prefix, the same unique id); nothing else carries it.
                for (String table : client.listTablesPaginator().tableNames()) {
                    if (table.contains(args[1])) {
                        client.deleteTable(b -> b.tableName(table));
                    }
                }
                return;
            }
            RunStore store = new RunStore(client, tables);
            for (int i = 2; i < args.length; i++) {
                String runId = args[i];
                Map<String, AttributeValue> item = client.getItem(b -> b.tableName(tables.runs())
                        .key(Map.of("runId", AttributeValue.builder().s(runId).build())).consistentRead(true)).item();
                System.out.printf("run %s state=%s verdict=%s abortReason=%s%n", runId, text(item, "state"),
                        text(item, "verdict"), oneLine(text(item, "abortReason")));
                String verdictJson = text(item, "verdictJson");
                if (!"-".equals(verdictJson)) {
                    RunVerdict verdict = ChaosJson.read(verdictJson, RunVerdict.class);
                    System.out.printf("finding %s %s%n", runId,
                            verdict.findings().isEmpty() ? "-" : oneLine(verdict.findings().get(0)));
                }
                for (ChaosEvent event : store.events(runId)) {
                    System.out.printf("event %s %s %s%n", runId, MessageTypes.nameOf(event), event.messageId());
                }
            }
        }
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ');
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item == null ? null : item.get(name);
        return value == null || value.s() == null ? "-" : value.s();
    }
}
