package dev.faultline.common.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.validation.InvalidValueException;
import dev.faultline.common.validation.Violation;
import org.junit.jupiter.api.Test;

class DataIntegrityTest {

    @Test
    void theDynamoDbFormOfBeforeStillReadsAndItsTopicIsNowOptional() throws Exception {
        DataIntegrity old = ChaosJson.experimentsYaml().readValue(
                "{table: orders, keyAttribute: orderId, topic: order-events, eventIdField: orderId}",
                DataIntegrity.class);
        assertThat(old).isEqualTo(new DataIntegrity("orders", "orderId", "order-events", "orderId"));
        assertThat(old.dynamoDb()).isTrue();
        assertThat(new DataIntegrity("orders", "orderId", null, null).hasTopic()).isFalse();
    }

    @Test
    void readBackAndJdbcFormsRead() throws Exception {
        DataIntegrity api = ChaosJson.experimentsYaml().readValue(
                "{readBack: {url: 'http://127.0.0.1:8080/items/{id}'}, ignoreFields: [updatedAt]}",
                DataIntegrity.class);
        assertThat(api.readBack().expectedStatus()).isEqualTo(200);
        assertThat(api.readBack().urlOf("a%20b")).isEqualTo("http://127.0.0.1:8080/items/a%20b");
        assertThat(api.ignoreFields()).containsExactly("updatedAt");
        assertThat(api.dynamoDb()).isFalse();

        DataIntegrity jdbc = ChaosJson.experimentsYaml().readValue("{jdbc: {url: 'jdbc:postgresql://127.0.0.1:5432/shop',"
                + " user: shop, passwordEnv: SHOP_DB_PASSWORD, table: public.orders, keyColumn: id},"
                + " topic: order-events}", DataIntegrity.class);
        assertThat(jdbc.jdbc().table()).isEqualTo("public.orders");
        assertThat(jdbc.hasTopic()).isTrue();
    }

    @Test
    void oneStoreOnly() {
        HttpReadBack api = new HttpReadBack("http://h/items/{id}", null);
        assertThatThrownBy(() -> new DataIntegrity("orders", "orderId", null, null, api, null, null))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("readBack"));
        assertThatThrownBy(() -> new DataIntegrity(null, null, null, null, null, null, null))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("table", "keyAttribute"));
        assertThatThrownBy(() -> DataIntegrity.ofReadBack(api, null, "orderId"))
                .hasMessageContaining("eventIdField").hasMessageContaining("needs a topic");
    }

    @Test
    void aReadBackUrlNeedsItsPlaceholderAndAFoundStatus() {
        assertThatThrownBy(() -> new HttpReadBack("http://h/items", 200)).hasMessageContaining("{id}");
        assertThatThrownBy(() -> new HttpReadBack("items/{id}", 200)).hasMessageContaining("absolute");
        assertThatThrownBy(() -> new HttpReadBack("http://h/items/{id}", 404)).hasMessageContaining("expectedStatus");
    }

    @Test
    void jdbcNamesAreIdentifiersSoThatTheyCanBeQuotedIntoTheQuery() {
        assertThatThrownBy(() -> new JdbcReadBack("jdbc:postgresql://h/db", "u", null, "orders; drop table x", "id"))
                .hasMessageContaining("table");
        assertThatThrownBy(() -> new JdbcReadBack("jdbc:postgresql://h/db", "u", null, "a.b.c", "id"))
                .hasMessageContaining("table");
        assertThatThrownBy(() -> new JdbcReadBack("jdbc:postgresql://h/db", "u", null, "orders", "i\"d"))
                .hasMessageContaining("keyColumn");
        assertThatThrownBy(() -> new JdbcReadBack("jdbc:oracle:thin:@h:1521/db", "u", null, "orders", "id"))
                .hasMessageContaining("PostgreSQL or MySQL");
        assertThat(new JdbcReadBack("jdbc:mysql://h/db", "u", null, "orders", "id").database())
                .isEqualTo(JdbcReadBack.Database.MYSQL);
        assertThat(new JdbcReadBack("jdbc:postgresql://h/db", "u", null, "orders", "id").database())
                .isEqualTo(JdbcReadBack.Database.POSTGRESQL);
        assertThatThrownBy(() -> new JdbcReadBack("jdbc:postgresql://h/db", "u", "not a name", "orders", "id"))
                .hasMessageContaining("passwordEnv");
    }
}
