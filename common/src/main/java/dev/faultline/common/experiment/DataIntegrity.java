package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;
import java.util.List;

/**
 * Where the writes that the load test saw acknowledged must be found after the run ({@code integrity:}), in one
 * store: a DynamoDB table ({@code table}, {@code keyAttribute}), the system's own API ({@code readBack}) or its SQL
 * database ({@code jdbc}); and optionally exactly one event per id on a Kafka topic. RPO = 0 means none is missing
 * or changed. The API and the database compare content as well as ids (see docs/verdict.md).
 *
 * @param table        DynamoDB table holding the orders
 * @param keyAttribute its partition key (a string attribute holding the order id)
 * @param topic        optional Kafka topic of the order events
 * @param eventIdField field of the event's JSON value holding the order id; absent: the record key is the id
 * @param readBack     read back through the system's API instead of DynamoDB
 * @param jdbc         read back from a SQL table instead of DynamoDB
 * @param ignoreFields fields of the sent and acknowledged bodies not to compare (a server's timestamps, versions)
 */
public record DataIntegrity(String table, String keyAttribute, String topic, String eventIdField,
        HttpReadBack readBack, JdbcReadBack jdbc, List<String> ignoreFields) {

    public DataIntegrity {
        ignoreFields = ignoreFields == null ? List.of() : List.copyOf(ignoreFields);
        int stores = (table != null || keyAttribute != null ? 1 : 0) + (readBack != null ? 1 : 0)
                + (jdbc != null ? 1 : 0);
        boolean dynamo = readBack == null && jdbc == null;
        Checks.start()
                .require(stores <= 1, readBack != null ? "readBack" : "jdbc", "give one store to read back from: table and keyAttribute"
                        + " (DynamoDB), readBack (the system's API) or jdbc (its SQL database)")
                .require(!dynamo || table != null && !table.isBlank(), "table",
                        "is required and must not be blank (or give readBack or jdbc instead)")
                .require(!dynamo || keyAttribute != null && !keyAttribute.isBlank(), "keyAttribute",
                        "is required and must not be blank (or give readBack or jdbc instead)")
                .require(topic == null || !topic.isBlank(), "topic", "must not be blank")
                .require(eventIdField == null || topic != null, "eventIdField", "needs a topic")
                .throwIfAny();
    }

    /** DynamoDB and a topic, as experiments were written before readBack and jdbc existed. */
    public DataIntegrity(String table, String keyAttribute, String topic, String eventIdField) {
        this(table, keyAttribute, topic, eventIdField, null, null, null);
    }

    /** The system's API, with an optional topic. */
    public static DataIntegrity ofReadBack(HttpReadBack readBack, String topic, String eventIdField) {
        return new DataIntegrity(null, null, topic, eventIdField, readBack, null, null);
    }

    /** A SQL table, with an optional topic. */
    public static DataIntegrity ofJdbc(JdbcReadBack jdbc, String topic, String eventIdField) {
        return new DataIntegrity(null, null, topic, eventIdField, null, jdbc, null);
    }

    public boolean dynamoDb() {
        return readBack == null && jdbc == null;
    }

    public boolean hasTopic() {
        return topic != null;
    }
}
