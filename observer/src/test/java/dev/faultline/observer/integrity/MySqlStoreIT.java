package dev.faultline.observer.integrity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.testsupport.TestMariaDb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * The JDBC read-back's contract through MySQL's own driver (Connector/J) on a real MariaDB from Debian, a server
 * of the test's own; its {@code JSON} column is LONGTEXT, handed out as text, and must still compare as JSON.
 */
class MySqlStoreIT extends SqlReadBackContract {

    private TestMariaDb mariadb;

    @Override
    Connection startWithTable() throws Exception {
        mariadb = TestMariaDb.start();
        mariadb.sql("CREATE TABLE shop.orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, sku VARCHAR(64) NOT NULL,"
                + " qty INT NOT NULL, price DECIMAL(10,2) NOT NULL, meta JSON,"
                + " created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)");
        Properties props = new Properties();
        props.setProperty("user", TestMariaDb.USER);
        props.setProperty("password", mariadb.password());
        return new com.mysql.cj.jdbc.Driver().connect(mariadb.jdbcUrl(), props);
    }

    @Override
    void stop() {
        if (mariadb != null) {
            mariadb.close();
        }
    }

    @Override
    String jdbcUrl() {
        return mariadb.jdbcUrl();
    }

    @Override
    String user() {
        return TestMariaDb.USER;
    }

    @Override
    String password() {
        return mariadb.password();
    }

    @Override
    long insert(Connection db, ObjectNode sent) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO shop.orders (sku, qty, price, meta)"
                + " VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, sent.get("sku").asText());
            insert.setInt(2, sent.get("qty").asInt());
            insert.setBigDecimal(3, sent.get("price").decimalValue());
            insert.setString(4, sent.get("meta").toString());
            insert.executeUpdate();
            try (ResultSet id = insert.getGeneratedKeys()) {
                id.next();
                return id.getLong(1);
            }
        }
    }
}
