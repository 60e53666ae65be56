package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Acknowledged writes read back from the system's own SQL database ({@code integrity.jdbc}): the row whose
 * {@code keyColumn} equals each acknowledged id must exist, and its columns must equal the fields of the same name
 * (case-insensitive) that the write sent or its acknowledgement returned.
 *
 * @param url         a PostgreSQL or MySQL JDBC URL, {@code jdbc:postgresql://host:port/database} or
 *                    {@code jdbc:mysql://host:port/database} (MySQL's driver also reads MariaDB)
 * @param user        the database user
 * @param passwordEnv name of the observer's environment variable holding the password; absent: no password
 *                    (the password itself never appears in an experiment, which is stored and published)
 * @param table       the table, optionally schema-qualified ({@code shop.orders}); letters, digits and {@code _}
 * @param keyColumn   the column holding the id
 */
public record JdbcReadBack(String url, String user, String passwordEnv, String table, String keyColumn) {

    /** The databases whose drivers the observer carries, by the URL's scheme. */
    public enum Database {
        POSTGRESQL("jdbc:postgresql://", 5432),
        MYSQL("jdbc:mysql://", 3306);

        private final String prefix;
        private final int defaultPort;

        Database(String prefix, int defaultPort) {
            this.prefix = prefix;
            this.defaultPort = defaultPort;
        }

        public int defaultPort() {
            return defaultPort;
        }

        /** The database of a JDBC URL; null when none of ours. */
        public static Database of(String url) {
            for (Database d : values()) {
                if (url.startsWith(d.prefix)) {
                    return d;
                }
            }
            return null;
        }
    }

    /** Which driver reads this URL. */
    public Database database() {
        return Database.of(url);
    }

    /** Plain identifiers only: they are quoted into the query, never a value from the load's answers. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public JdbcReadBack {
        Checks.start()
                .notBlank(url, "url")
                .require(url == null || Database.of(url) != null, "url",
                        "must be a PostgreSQL or MySQL JDBC URL, jdbc:postgresql://host:port/database or"
                                + " jdbc:mysql://host:port/database (the drivers the observer carries), was '" + url
                                + "'")
                .notBlank(user, "user")
                .require(passwordEnv == null || ENV_NAME.matcher(passwordEnv).matches(), "passwordEnv",
                        "must be the name of an environment variable, was '" + passwordEnv + "'")
                .notBlank(table, "table")
                .require(table == null || table.split("\\.", -1).length <= 2 && Arrays.stream(
                        table.split("\\.", -1)).allMatch(part -> IDENTIFIER.matcher(part).matches()), "table",
                        "must be a table name, optionally schema-qualified (letters, digits, _), was '" + table + "'")
                .notBlank(keyColumn, "keyColumn")
                .require(keyColumn == null || IDENTIFIER.matcher(keyColumn).matches(), "keyColumn",
                        "must be a column name (letters, digits, _), was '" + keyColumn + "'")
                .throwIfAny();
    }
}
