package dev.faultline.common.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.common.experiment.DataIntegrity;
import dev.faultline.common.validation.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code integrity:} section's forms as an operator writes them, and its mistakes reported at their paths. */
class IntegritySectionParseTest {

    private static final String LOAD = """
            load:
              url: http://127.0.0.1:8080/items
              method: POST
              body: '{"sku": "a-1", "qty": 2}'
              arrivalRate: 5
              orderIdField: id
            """;

    private final ExperimentParser parser = new ExperimentParser();

    private DataIntegrity parse(String integrity) {
        return parser.parse(ExperimentParserTest.VALID + LOAD + integrity, ExperimentParser.Format.YAML).integrity();
    }

    @Test
    void readBackThroughTheApiWithoutATopic() {
        DataIntegrity integrity = parse("""
                integrity:
                  readBack: {url: "http://127.0.0.1:8080/items/{id}", expectedStatus: 200}
                  ignoreFields: [createdAt]
                """);
        assertThat(integrity.readBack().url()).isEqualTo("http://127.0.0.1:8080/items/{id}");
        assertThat(integrity.hasTopic()).isFalse();
        assertThat(integrity.ignoreFields()).containsExactly("createdAt");
    }

    @Test
    void jdbcWithATopic() {
        DataIntegrity integrity = parse("""
                integrity:
                  jdbc:
                    url: jdbc:postgresql://127.0.0.1:5432/shop
                    user: shop
                    passwordEnv: SHOP_DB_PASSWORD
                    table: orders
                    keyColumn: id
                  topic: order-events
                  eventIdField: orderId
                """);
        assertThat(integrity.jdbc().keyColumn()).isEqualTo("id");
        assertThat(integrity.topic()).isEqualTo("order-events");
    }

    @Test
    void theDynamoDbFormOfBeforeStillParses() {
        DataIntegrity integrity = parse("""
                integrity: {table: orders, keyAttribute: orderId, topic: order-events, eventIdField: orderId}
                """);
        assertThat(integrity.dynamoDb()).isTrue();
    }

    @Test
    void mistakesAreNamedAtTheirPaths() {
        assertViolation("integrity:\n  readBack: {url: \"http://127.0.0.1:8080/items\"}\n",
                "integrity.readBack.url", "must contain {id}");
        assertViolation("integrity:\n  jdbc: {url: \"jdbc:sqlserver://h;db=x\", user: u, table: t, keyColumn: id}\n",
                "integrity.jdbc.url", "PostgreSQL or MySQL");
        assertViolation("integrity:\n  table: orders\n  keyAttribute: id\n  readBack: {url: \"http://h/items/{id}\"}\n",
                "integrity.readBack", "give one store");
    }

    private void assertViolation(String integrity, String field, String messagePart) {
        assertThatThrownBy(() -> parse(integrity)).isInstanceOfSatisfying(InvalidExperimentException.class, e -> {
            List<Violation> violations = e.violations();
            assertThat(violations).as(violations.toString()).anySatisfy(v -> {
                assertThat(v.field()).isEqualTo(field);
                assertThat(v.message()).contains(messagePart);
            });
        });
    }
}
