package dev.faultline.observer.integrity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/** The JDBC read-back's contract on a real PostgreSQL (Debian's package, a cluster of the test's own). */
class JdbcStoreIT extends SqlReadBackContract {

    private TestPostgres pg;

    @Override
    Connection startWithTable() throws Exception {
        pg = TestPostgres.start();
        Connection connection = DriverManager.getConnection(pg.jdbcUrl(), TestPostgres.SUPERUSER, pg.password());
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE SCHEMA shop");
            ddl.execute("CREATE TABLE shop.orders (id BIGSERIAL PRIMARY KEY, sku TEXT NOT NULL, qty INTEGER NOT NULL,"
                    + " price NUMERIC(10,2) NOT NULL, meta JSONB, created_at TIMESTAMPTZ NOT NULL DEFAULT now())");
        }
        return connection;
    }

    @Override
    void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    @Override
    String jdbcUrl() {
        return pg.jdbcUrl();
    }

    @Override
    String user() {
        return TestPostgres.SUPERUSER;
    }

    @Override
    String password() {
        return pg.password();
    }

    @Override
    long insert(Connection db, ObjectNode sent) throws Exception {
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO shop.orders (sku, qty, price, meta) VALUES (?, ?, ?, ?::jsonb) RETURNING id")) {
            insert.setString(1, sent.get("sku").asText());
            insert.setInt(2, sent.get("qty").asInt());
            insert.setBigDecimal(3, sent.get("price").decimalValue());
            insert.setString(4, sent.get("meta").toString());
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                return id.getLong(1);
            }
        }
    }
}
