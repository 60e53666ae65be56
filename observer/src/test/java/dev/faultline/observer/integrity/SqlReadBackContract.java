package dev.faultline.observer.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.common.experiment.DataIntegrity;
import dev.faultline.common.experiment.JdbcReadBack;
import dev.faultline.common.verdict.IntegrityReport;
import dev.faultline.common.verdict.SloStatus;
import dev.faultline.observer.load.AcknowledgedWrite;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the JDBC read-back must do on every database it supports, run against a real server per database: writes
 * are inserted as a service would and acknowledged with their generated ids, then a loss is planted (one row
 * deleted, one id reissued to another record by deleting it and inserting a different one under that id); the
 * reader must report exactly those, with the password taken from the named environment variable, and intact rows
 * (numbers, a JSON column, a column the write did not send) must pass. A subclass starts the server, creates
 * {@code shop.orders (id generated, sku, qty, price, meta JSON, created_at defaulted)} and inserts.
 */
abstract class SqlReadBackContract {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD_ENV = "IT_SHOP_DB_PASSWORD";

    /** Connected as {@link #user()} to a server with the table created. */
    Connection db;

    abstract Connection startWithTable() throws Exception;

    abstract void stop() throws Exception;

    abstract String jdbcUrl();

    abstract String user();

    abstract String password();

    /** Inserts the body and returns the generated id. */
    abstract long insert(Connection db, ObjectNode sent) throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        db = startWithTable();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (db != null) {
                db.close();
            }
        } finally {
            stop();
        }
    }

    @Test
    void aDeletedRowIsMissingAndARowReissuedUnderItsIdIsChanged() throws Exception {
        List<AcknowledgedWrite> writes = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            writes.add(write(i));
        }
        String lost = writes.get(1).id();
        String reissued = writes.get(4).id();
        try (Statement sql = db.createStatement()) {
            sql.execute("DELETE FROM shop.orders WHERE id IN (" + lost + "," + reissued + ")");
            sql.execute("INSERT INTO shop.orders (id, sku, qty, price) VALUES (" + reissued + ", 'other', 1, 9.99)");
        }

        IntegrityReport report = reader().check(spec(), writes.stream().map(AcknowledgedWrite::id).toList(), writes);

        assertThat(report.acknowledged()).isEqualTo(6);
        assertThat(report.missingInTable()).containsExactly(lost);
        assertThat(report.changed()).containsExactly(reissued);
        assertThat(report.changes()).containsExactly(reissued + ": field sku expected \"sku-5\", found \"other\"");
        assertThat(report.rpoZero()).isFalse();
        assertThat(IntegrityCheck.result(report).status()).isEqualTo(SloStatus.FAIL);
        assertThat(report.method()).contains("SELECT").contains("shop.orders");
    }

    @Test
    void intactRowsPassWithNumbersJsonAndColumnsTheWriteDidNotSend() throws Exception {
        List<AcknowledgedWrite> writes = new ArrayList<>();
        for (int i = 1; i <= 150; i++) { // more than one query's batch of 100
            writes.add(write(i));
        }

        IntegrityReport report = reader().check(spec(), writes.stream().map(AcknowledgedWrite::id).toList(), writes);

        assertThat(report.acknowledged()).isEqualTo(150);
        assertThat(report.missingInTable()).isEmpty();
        assertThat(report.changed()).isEmpty();
        assertThat(IntegrityCheck.result(report).status()).isEqualTo(SloStatus.PASS);
    }

    @Test
    void aMissingPasswordVariableOrTableIsAnErrorNotALoss() throws Exception {
        AcknowledgedWrite write = write(1);
        IntegrityReader noEnvironment = new IntegrityReader(SqlReadBackContract::noDynamo,
                HttpClient.newHttpClient(), "127.0.0.1:1", name -> null, Duration.ofSeconds(20));
        assertThatThrownBy(() -> noEnvironment.check(spec(), List.of(write.id()), List.of(write)))
                .hasMessageContaining(PASSWORD_ENV);

        DataIntegrity noTable = DataIntegrity.ofJdbc(new JdbcReadBack(jdbcUrl(), user(), PASSWORD_ENV, "shop.absent",
                "id"), null, null);
        assertThatThrownBy(() -> reader().check(noTable, List.of(write.id()), List.of(write)))
                .hasMessageContaining("could not be read back").hasMessageContaining("absent");
    }

    /** As a service writes: the body it was sent, inserted, and answered with the generated id. */
    private AcknowledgedWrite write(int n) throws Exception {
        ObjectNode sent = JSON.createObjectNode().put("sku", "sku-" + n).put("qty", n).put("price", n + 0.5);
        sent.putObject("meta").put("channel", "web");
        long id = insert(db, sent);
        ObjectNode answer = sent.deepCopy().put("id", id).put("status", "accepted");
        return new AcknowledgedWrite(Long.toString(id), sent, answer);
    }

    private DataIntegrity spec() {
        return DataIntegrity.ofJdbc(new JdbcReadBack(jdbcUrl(), user(), PASSWORD_ENV, "shop.orders", "id"), null,
                null);
    }

    private IntegrityReader reader() {
        Map<String, String> environment = Map.of(PASSWORD_ENV, password());
        return new IntegrityReader(SqlReadBackContract::noDynamo, HttpClient.newHttpClient(), "127.0.0.1:1",
                environment::get, Duration.ofSeconds(20));
    }

    private static software.amazon.awssdk.services.dynamodb.DynamoDbClient noDynamo() {
        throw new AssertionError("a JDBC read-back must not need DynamoDB");
    }
}
