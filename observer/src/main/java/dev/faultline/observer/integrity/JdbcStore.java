package dev.faultline.observer.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.common.experiment.JdbcReadBack;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.observer.integrity.ExpectedContent.Matching;
import dev.faultline.observer.load.AcknowledgedWrite;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Reads the acknowledged ids back from a SQL table, 100 ids a query, and compares each row's columns with the
 * write's fields of the same name. The driver is instantiated directly rather than found through DriverManager,
 * whose service lookup depends on the class loader Quarkus runs the observer in.
 */
final class JdbcStore implements AcknowledgedStore {

    private static final int BATCH = 100;

    private final JdbcReadBack spec;
    private final String password;
    private final List<String> ignoreFields;

    /** @param password from the environment variable {@code spec.passwordEnv()}; null for none */
    JdbcStore(JdbcReadBack spec, String password, List<String> ignoreFields) {
        this.spec = spec;
        this.password = password;
        this.ignoreFields = ignoreFields;
    }

    static Connection connect(JdbcReadBack spec, String password, Duration timeout) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", spec.user());
        if (password != null) {
            props.setProperty("password", password);
        }
        long seconds = Math.max(1, timeout.toSeconds());
        // Same settings, different units: PostgreSQL's driver counts seconds, MySQL's milliseconds.
        java.sql.Driver driver = switch (spec.database()) {
            case POSTGRESQL -> {
                props.setProperty("connectTimeout", Long.toString(seconds));
                props.setProperty("socketTimeout", Long.toString(seconds));
                yield new org.postgresql.Driver();
            }
            case MYSQL -> {
                props.setProperty("connectTimeout", Long.toString(seconds * 1000));
                props.setProperty("socketTimeout", Long.toString(seconds * 1000));
                yield new com.mysql.cj.jdbc.Driver();
            }
        };
        Connection connection = driver.connect(spec.url(), props);
        if (connection == null) {
            throw new SQLException("the " + spec.database() + " driver does not accept " + spec.url());
        }
        return connection;
    }

    @Override
    public StoreContents read(Set<String> ids, Map<String, List<AcknowledgedWrite>> writes, Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new IllegalStateException("no time left to read back table " + spec.table());
        }
        Set<String> present = new HashSet<>();
        Map<String, String> changed = new HashMap<>();
        try (Connection connection = connect(spec, password, left)) {
            connection.setReadOnly(true);
            UnaryOperator<String> quote = quoting(connection.getMetaData());
            String table = Arrays.stream(spec.table().split("\\.")).map(quote).collect(Collectors.joining("."));
            String key = quote.apply(spec.keyColumn());
            boolean numericKey = numericKey(connection, table, key);
            List<String> all = new ArrayList<>(ids);
            for (int i = 0; i < all.size(); i += BATCH) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("table " + spec.table() + " not read back by " + deadline);
                }
                List<String> batch = all.subList(i, Math.min(all.size(), i + BATCH));
                List<String> bound = numericKey ? batch.stream().filter(JdbcStore::isNumber).toList() : batch;
                if (bound.isEmpty()) {
                    continue; // ids that cannot be keys of a numeric column are not in it
                }
                String sql = "SELECT * FROM " + table + " WHERE " + key + " IN ("
                        + String.join(",", Collections.nCopies(bound.size(), "?")) + ")";
                try (PreparedStatement query = connection.prepareStatement(sql)) {
                    for (int p = 0; p < bound.size(); p++) {
                        if (numericKey) {
                            query.setBigDecimal(p + 1, new BigDecimal(bound.get(p)));
                        } else {
                            query.setString(p + 1, bound.get(p));
                        }
                    }
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            ObjectNode row = row(rows);
                            String id = idOf(row.get(keyLabel(rows.getMetaData())));
                            if (id == null || !ids.contains(id)) {
                                continue;
                            }
                            present.add(id);
                            List<AcknowledgedWrite> written = writes.getOrDefault(id, List.of());
                            if (!written.isEmpty()) {
                                ExpectedContent.difference(written, row, ignoreFields,
                                        Matching.COLUMNS_OF_THE_SAME_NAME)
                                        .ifPresent(difference -> changed.put(id, difference));
                            }
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("table " + spec.table() + " at " + spec.url() + " could not be read back: "
                    + e.getMessage(), e);
        }
        return new StoreContents(present, changed);
    }

    /** Whether the key column is numeric: its ids are then bound as numbers, so its index is used. */
    private static boolean numericKey(Connection connection, String table, String key) throws SQLException {
        try (PreparedStatement probe = connection.prepareStatement("SELECT " + key + " FROM " + table + " WHERE 1=0");
                ResultSet none = probe.executeQuery()) {
            return switch (none.getMetaData().getColumnType(1)) {
                case Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.NUMERIC, Types.DECIMAL, Types.TINYINT -> true;
                default -> false;
            };
        }
    }

    private String keyLabel(ResultSetMetaData meta) throws SQLException {
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            if (meta.getColumnLabel(c).equalsIgnoreCase(spec.keyColumn())) {
                return meta.getColumnLabel(c);
            }
        }
        throw new SQLException("table " + spec.table() + " has no column " + spec.keyColumn());
    }

    private static UnaryOperator<String> quoting(DatabaseMetaData meta) throws SQLException {
        String q = meta.getIdentifierQuoteString();
        // Identifiers are validated as letters, digits and _ (JdbcReadBack); quoted so that case is kept as written.
        return q == null || q.isBlank() ? name -> name : name -> q + name + q;
    }

    /** A row as JSON: numbers as numbers, json/jsonb columns parsed, every other value as its text. */
    static ObjectNode row(ResultSet rows) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            Object value = rows.getObject(c);
            String name = meta.getColumnLabel(c);
            if (value == null) {
                row.putNull(name);
            } else if (value instanceof Number number) {
                row.put(name, new BigDecimal(number.toString()));
            } else if (value instanceof Boolean bool) {
                row.put(name, bool);
            } else if (meta.getColumnTypeName(c).toLowerCase(Locale.ROOT).startsWith("json")) {
                row.set(name, parsed(rows.getString(c)));
            } else {
                row.put(name, rows.getString(c));
            }
        }
        return row;
    }

    private static JsonNode parsed(String json) {
        try {
            return ChaosJson.messages().readTree(json);
        } catch (IOException e) {
            return JsonNodeFactory.instance.textNode(json);
        }
    }

    private static String idOf(JsonNode key) {
        if (key == null || key.isNull()) {
            return null;
        }
        return key.isNumber() ? key.decimalValue().stripTrailingZeros().toPlainString() : key.asText();
    }

    private static boolean isNumber(String id) {
        try {
            new BigDecimal(id);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public String method() {
        return "SELECT of every acknowledged id from table " + spec.table() + " (key " + spec.keyColumn() + ") at "
                + spec.url() + ", 100 a query, each row's columns compared with the write's fields of the same name"
                + (ignoreFields.isEmpty() ? "" : " except " + ignoreFields);
    }
}
