package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;

/**
 * Where the writes that the load test saw acknowledged must be found after the run ({@code integrity:}): an item
 * in a DynamoDB table and exactly one event on a Kafka topic per order id. RPO = 0 means none is missing.
 *
 * @param table        DynamoDB table holding the orders
 * @param keyAttribute its partition key (a string attribute holding the order id)
 * @param topic        Kafka topic of the order events
 * @param eventIdField field of the event's JSON value holding the order id; absent: the record key is the id
 */
public record DataIntegrity(String table, String keyAttribute, String topic, String eventIdField) {

    public DataIntegrity {
        Checks.start()
                .notBlank(table, "table")
                .notBlank(keyAttribute, "keyAttribute")
                .notBlank(topic, "topic")
                .throwIfAny();
    }
}
