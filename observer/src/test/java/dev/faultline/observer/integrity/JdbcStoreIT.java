package dev.faultline.observer.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.common.experiment.DataIntegrity;
import dev.faultline.common.experiment.JdbcReadBack;
import dev.faultline.common.verdict.IntegrityReport;
import dev.faultline.common.verdict.SloStatus;
import dev.faultline.observer.load.AcknowledgedWrite;
import dev.faultline.testsupport.TestPostgres;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Read-back from a real PostgreSQL (Debian's package, a cluster of the test's own): writes are inserted as a
 * service would and acknowledged with their generated ids, then a loss is planted (one row deleted, one reissued
 * to another record by deleting it and inserting a different one under its id); the reader must report exactly
 * those, with the password taken from the named environment variable.
 */
class JdbcStoreIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD_ENV = "IT_SHOP_DB_PASSWORD";

    private TestPostgres pg;
    private Connection db;

    @BeforeEach
    void setUp() throws Exception {
        pg = TestPostgres.start();
        db = DriverManager.getConnection(pg.jdbcUrl(), TestPostgres.SUPERUSER, pg.password());
        try (Statement ddl = db.createStatement()) {
            ddl.execute("CREATE SCHEMA shop");
            ddl.execute("CREATE TABLE shop.orders (id BIGSERIAL PRIMARY KEY, sku TEXT NOT NULL, qty INTEGER NOT NULL,"
                    + " price NUMERIC(10,2) NOT NULL, meta JSONB, created_at TIMESTAMPTZ NOT NULL DEFAULT now())");
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (db != null) {
            db.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void aDeletedRowIsMissingAndARowReissuedUnderItsIdIsChanged() throws Exception {
        List<AcknowledgedWrite> writes = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            writes.add(insert(i));
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
            writes.add(insert(i));
        }

        IntegrityReport report = reader().check(spec(), writes.stream().map(AcknowledgedWrite::id).toList(), writes);

        assertThat(report.acknowledged()).isEqualTo(150);
        assertThat(report.missingInTable()).isEmpty();
        assertThat(report.changed()).isEmpty();
        assertThat(IntegrityCheck.result(report).status()).isEqualTo(SloStatus.PASS);
    }

    @Test
    void aMissingPasswordVariableOrTableIsAnErrorNotALoss() throws Exception {
        AcknowledgedWrite write = insert(1);
        IntegrityReader noEnvironment = new IntegrityReader(JdbcStoreIT::noDynamo, HttpClient.newHttpClient(),
                "127.0.0.1:1", name -> null, Duration.ofSeconds(20));
        assertThatThrownBy(() -> noEnvironment.check(spec(), List.of(write.id()), List.of(write)))
                .hasMessageContaining(PASSWORD_ENV);

        DataIntegrity noTable = DataIntegrity.ofJdbc(new JdbcReadBack(pg.jdbcUrl(), TestPostgres.SUPERUSER,
                PASSWORD_ENV, "shop.absent", "id"), null, null);
        assertThatThrownBy(() -> reader().check(noTable, List.of(write.id()), List.of(write)))
                .hasMessageContaining("could not be read back").hasMessageContaining("absent");
    }

    /** As a service writes: the body it was sent, inserted, and answered with the generated id. */
    private AcknowledgedWrite insert(int n) throws Exception {
        var sent = JSON.createObjectNode().put("sku", "sku-" + n).put("qty", n).put("price", n + 0.5);
        sent.putObject("meta").put("channel", "web");
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO shop.orders (sku, qty, price, meta) VALUES (?, ?, ?, ?::jsonb) RETURNING id")) {
            insert.setString(1, sent.get("sku").asText());
            insert.setInt(2, n);
            insert.setBigDecimal(3, sent.get("price").decimalValue());
            insert.setString(4, sent.get("meta").toString());
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                var answer = sent.deepCopy().put("id", id.getLong(1)).put("status", "accepted");
                return new AcknowledgedWrite(Long.toString(id.getLong(1)), sent, answer);
            }
        }
    }

    private DataIntegrity spec() {
        return DataIntegrity.ofJdbc(new JdbcReadBack(pg.jdbcUrl(), TestPostgres.SUPERUSER, PASSWORD_ENV,
                "shop.orders", "id"), null, null);
    }

    private IntegrityReader reader() {
        Map<String, String> environment = Map.of(PASSWORD_ENV, pg.password());
        return new IntegrityReader(JdbcStoreIT::noDynamo, HttpClient.newHttpClient(), "127.0.0.1:1",
                environment::get, Duration.ofSeconds(20));
    }

    private static software.amazon.awssdk.services.dynamodb.DynamoDbClient noDynamo() {
        throw new AssertionError("a JDBC read-back must not need DynamoDB");
    }
}
