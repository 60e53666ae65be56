package dev.faultline.observer.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.observer.integrity.ExpectedContent.Matching;
import dev.faultline.observer.load.AcknowledgedWrite;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectedContentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void theAcknowledgementOverlaysWhatWasSentLessTheIgnoredFields() throws Exception {
        AcknowledgedWrite write = new AcknowledgedWrite("7", json("{\"sku\":\"a\",\"qty\":\"2\",\"at\":1}"),
                json("{\"id\":7,\"qty\":2,\"status\":\"NEW\"}"));
        ObjectNode expected = ExpectedContent.of(write, List.of("at"));
        assertThat(expected).isEqualTo(json("{\"sku\":\"a\",\"qty\":2,\"id\":7,\"status\":\"NEW\"}"));
    }

    @Test
    void anApiAnswerMustCarryEveryFieldEqual() throws Exception {
        ObjectNode expected = (ObjectNode) json("{\"id\":7,\"sku\":\"a\",\"price\":2.5,\"tags\":[\"x\"]}");
        assertThat(ExpectedContent.difference(expected,
                json("{\"id\":\"7\",\"sku\":\"a\",\"price\":2.50,\"tags\":[\"x\"],\"extra\":1}"), Matching.ALL_FIELDS))
                .isEmpty();
        assertThat(ExpectedContent.difference(expected, json("{\"id\":7,\"sku\":\"b\",\"price\":2.5,\"tags\":[\"x\"]}"),
                Matching.ALL_FIELDS)).contains("field sku expected \"a\", found \"b\"");
        assertThat(ExpectedContent.difference(expected, json("{\"id\":7,\"price\":2.5,\"tags\":[\"x\"]}"),
                Matching.ALL_FIELDS)).contains("field sku expected \"a\", absent");
        assertThat(ExpectedContent.difference(expected, json("{\"id\":7,\"sku\":\"a\",\"price\":2.5,\"tags\":[]}"),
                Matching.ALL_FIELDS)).isPresent();
        assertThat(ExpectedContent.difference(expected, json("[1]"), Matching.ALL_FIELDS))
                .contains("read back a JSON array, not an object");
    }

    @Test
    void aRowIsComparedOnItsColumnsOfTheSameNameIgnoringCase() throws Exception {
        ObjectNode expected = (ObjectNode) json("{\"id\":7,\"sku\":\"a\",\"qty\":2,\"note\":\"not stored\"}");
        assertThat(ExpectedContent.difference(expected, json("{\"ID\":7,\"SKU\":\"a\",\"qty\":2.00}"),
                Matching.COLUMNS_OF_THE_SAME_NAME)).isEmpty();
        assertThat(ExpectedContent.difference(expected, json("{\"ID\":7,\"SKU\":\"a\",\"qty\":3}"),
                Matching.COLUMNS_OF_THE_SAME_NAME)).contains("field qty expected 2, found 3");
    }

    @Test
    void aJsonValueTheDatabaseHandsOutAsTextIsComparedAsJson() throws Exception {
        ObjectNode expected = (ObjectNode) json("{\"meta\":{\"channel\":\"web\"},\"tags\":[1,2]}");
        assertThat(ExpectedContent.difference(expected, json("{\"meta\":\"{\\\"channel\\\": \\\"web\\\"}\","
                + "\"tags\":\"[1, 2]\"}"), Matching.COLUMNS_OF_THE_SAME_NAME)).isEmpty();
        assertThat(ExpectedContent.difference(expected, json("{\"meta\":\"{\\\"channel\\\": \\\"app\\\"}\","
                + "\"tags\":\"[1, 2]\"}"), Matching.COLUMNS_OF_THE_SAME_NAME)).isPresent();
        assertThat(ExpectedContent.difference(expected, json("{\"meta\":\"not json\",\"tags\":\"[1, 2]\"}"),
                Matching.COLUMNS_OF_THE_SAME_NAME)).isPresent();
    }

    @Test
    void everyWriteAcknowledgedUnderAnIdMustMatchItsRecord() throws Exception {
        AcknowledgedWrite first = new AcknowledgedWrite("1", json("{\"sku\":\"a\"}"), json("{\"id\":1}"));
        AcknowledgedWrite reissued = new AcknowledgedWrite("1", json("{\"sku\":\"b\"}"), json("{\"id\":1}"));
        JsonNode record = json("{\"id\":1,\"sku\":\"b\"}");
        assertThat(ExpectedContent.difference(List.of(reissued), record, List.of(), Matching.ALL_FIELDS)).isEmpty();
        assertThat(ExpectedContent.difference(List.of(first, reissued), record, List.of(), Matching.ALL_FIELDS))
                .contains("field sku expected \"a\", found \"b\"");
    }
}
