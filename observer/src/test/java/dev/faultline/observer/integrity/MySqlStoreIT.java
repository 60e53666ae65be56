package dev.faultline.observer.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.common.experiment.DataIntegrity;
import dev.faultline.common.experiment.JdbcReadBack;
import dev.faultline.common.verdict.IntegrityReport;
import dev.faultline.common.verdict.SloStatus;
import dev.faultline.observer.load.AcknowledgedWrite;
import dev.faultline.testsupport.TestMariaDb;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JDBC read-back through MySQL's own driver (Connector/J) against a real MariaDB from Debian, a server of the
 * test's own: the same planted loss as {@link JdbcStoreIT} (one row deleted, one id reissued to another record)
 * must be reported exactly, and intact rows — numbers, a JSON column MariaDB keeps as text, a column the write did
 * not send — must pass.
 */
class MySqlStoreIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD_ENV = "IT_SHOP_MYSQL_PASSWORD";

    private TestMariaDb mariadb;
    private Connection db;

    @BeforeEach
    void setUp() throws Exception {
        mariadb = TestMariaDb.start();
        mariadb.sql("CREATE TABLE shop.orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, sku VARCHAR(64) NOT NULL,"
                + " qty INT NOT NULL, price DECIMAL(10,2) NOT NULL, meta JSON,"
                + " created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)");
        Properties props = new Properties();
        props.setProperty("user", TestMariaDb.USER);
        props.setProperty("password", mariadb.password());
        db = new com.mysql.cj.jdbc.Driver().connect(mariadb.jdbcUrl(), props);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (db != null) {
            db.close();
        }
        if (mariadb != null) {
            mariadb.close();
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
            sql.execute("DELETE FROM orders WHERE id IN (" + lost + "," + reissued + ")");
            sql.execute("INSERT INTO orders (id, sku, qty, price) VALUES (" + reissued + ", 'other', 1, 9.99)");
        }

        IntegrityReport report = reader().check(spec(), writes.stream().map(AcknowledgedWrite::id).toList(), writes);

        assertThat(report.missingInTable()).containsExactly(lost);
        assertThat(report.changed()).containsExactly(reissued);
        assertThat(report.changes()).containsExactly(reissued + ": field sku expected \"sku-5\", found \"other\"");
        assertThat(IntegrityCheck.result(report).status()).isEqualTo(SloStatus.FAIL);
    }

    @Test
    void intactRowsPassWithNumbersJsonTextAndColumnsTheWriteDidNotSend() throws Exception {
        List<AcknowledgedWrite> writes = new ArrayList<>();
        for (int i = 1; i <= 120; i++) { // more than one query's batch of 100
            writes.add(insert(i));
        }

        IntegrityReport report = reader().check(spec(), writes.stream().map(AcknowledgedWrite::id).toList(), writes);

        assertThat(report.acknowledged()).isEqualTo(120);
        assertThat(report.missingInTable()).isEmpty();
        assertThat(report.changed()).isEmpty();
        assertThat(IntegrityCheck.result(report).status()).isEqualTo(SloStatus.PASS);
    }

    /** As a service writes: the body it was sent, inserted, and answered with the generated id. */
    private AcknowledgedWrite insert(int n) throws Exception {
        var sent = JSON.createObjectNode().put("sku", "sku-" + n).put("qty", n).put("price", n + 0.5);
        sent.putObject("meta").put("channel", "web");
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO orders (sku, qty, price, meta)"
                + " VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, sent.get("sku").asText());
            insert.setInt(2, n);
            insert.setBigDecimal(3, sent.get("price").decimalValue());
            insert.setString(4, sent.get("meta").toString());
            insert.executeUpdate();
            try (ResultSet id = insert.getGeneratedKeys()) {
                id.next();
                var answer = sent.deepCopy().put("id", id.getLong(1)).put("status", "accepted");
                return new AcknowledgedWrite(Long.toString(id.getLong(1)), sent, answer);
            }
        }
    }

    private DataIntegrity spec() {
        return DataIntegrity.ofJdbc(new JdbcReadBack(mariadb.jdbcUrl(), TestMariaDb.USER, PASSWORD_ENV,
                "shop.orders", "id"), null, null);
    }

    private IntegrityReader reader() {
        Map<String, String> environment = Map.of(PASSWORD_ENV, mariadb.password());
        return new IntegrityReader(MySqlStoreIT::noDynamo, HttpClient.newHttpClient(), "127.0.0.1:1",
                environment::get, Duration.ofSeconds(20));
    }

    private static software.amazon.awssdk.services.dynamodb.DynamoDbClient noDynamo() {
        throw new AssertionError("a JDBC read-back must not need DynamoDB");
    }
}
