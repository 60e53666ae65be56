package dev.faultline.observer.integrity;

import dev.faultline.common.experiment.DataIntegrity;
import dev.faultline.observer.load.AcknowledgedWrite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * BatchGetItem of every acknowledged id (100 keys a call, unprocessed keys retried), projecting the key only: it
 * checks ids, not content (items need not mirror the write's JSON).
 */
final class DynamoDbStore implements AcknowledgedStore {

    private static final int BATCH = 100;

    private final DynamoDbClient dynamo;
    private final String table;
    private final String keyAttribute;

    DynamoDbStore(DynamoDbClient dynamo, DataIntegrity spec) {
        this.dynamo = dynamo;
        this.table = spec.table();
        this.keyAttribute = spec.keyAttribute();
    }

    @Override
    public StoreContents read(Set<String> ids, Map<String, List<AcknowledgedWrite>> writes, Instant deadline) {
        Set<String> found = new HashSet<>();
        List<String> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += BATCH) {
            List<Map<String, AttributeValue>> keys = all.subList(i, Math.min(all.size(), i + BATCH)).stream()
                    .map(id -> Map.of(keyAttribute, AttributeValue.fromS(id)))
                    .toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys)
                    .consistentRead(true).projectionExpression("#k")
                    .expressionAttributeNames(Map.of("#k", keyAttribute)).build());
            while (!request.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("table " + table + " not read back by " + deadline);
                }
                Map<String, KeysAndAttributes> pending = request;
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(pending));
                response.responses().getOrDefault(table, List.of())
                        .forEach(item -> found.add(item.get(keyAttribute).s()));
                request = response.unprocessedKeys() == null ? Map.of() : response.unprocessedKeys();
            }
        }
        return StoreContents.idsOnly(found);
    }

    @Override
    public String method() {
        return "BatchGetItem of every acknowledged id on table " + table + " (key " + keyAttribute + "), ids only";
    }
}
