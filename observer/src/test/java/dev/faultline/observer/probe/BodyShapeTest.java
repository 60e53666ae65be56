package dev.faultline.observer.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.verdict.BodyShrink;
import org.junit.jupiter.api.Test;

class BodyShapeTest {

    private static final String FULL = """
            {"user": {"name": "ada", "tier": "gold"},
             "recommendations": [{"id": 1, "title": "a"}, {"id": 2}],
             "tags": ["x"], "total": 3}
            """;

    @Test
    void aShapeIsTheFieldPathsAndWhichArraysHaveElementsNotTheValues() {
        BodyShape shape = BodyShape.of(FULL);
        assertThat(shape.fields()).containsExactlyInAnyOrder("", "user", "user.name", "user.tier",
                "recommendations", "recommendations[]", "recommendations[].id", "recommendations[].title", "tags",
                "total");
        assertThat(shape.nonEmptyArrays()).containsExactlyInAnyOrder("recommendations", "tags");
        assertThat(BodyShape.of(FULL.replace("\"ada\"", "\"grace\"").replace("3}", "4}"))).isEqualTo(shape);
    }

    @Test
    void theSameBodyShrinksByNothingAndAddedFieldsAreNoLoss() {
        BodyShape baseline = BodyShape.of(FULL);
        assertThat(BodyShape.of(FULL).shrinksFrom(baseline)).isEmpty();
        assertThat(BodyShape.of(FULL.replace("\"total\": 3", "\"total\": 3, \"extra\": [1]")).shrinksFrom(baseline))
                .isEmpty();
    }

    @Test
    void anEmptiedArrayIsNamedOnceNotWithTheFieldsOfItsElements() {
        BodyShape baseline = BodyShape.of(FULL);
        BodyShape shrunk = BodyShape.of("""
                {"user": {"name": "ada", "tier": "gold"}, "recommendations": [], "tags": ["x"], "total": 3}
                """);
        assertThat(shrunk.shrinksFrom(baseline)).containsExactly(
                new BodyShrink("recommendations", BodyShrink.EMPTIED, 1));
        assertThat(shrunk.shrinksFrom(baseline).get(0).describe()).isEqualTo("field `recommendations` emptied");
    }

    @Test
    void aMissingOrNullFieldIsMissingAndOnlyItsOutermostPathIsNamed() {
        BodyShape baseline = BodyShape.of(FULL);
        BodyShape shrunk = BodyShape.of("""
                {"user": null, "recommendations": [{"id": 1}], "tags": ["x"]}
                """);
        assertThat(shrunk.shrinksFrom(baseline)).containsExactly(
                new BodyShrink("recommendations[].title", BodyShrink.MISSING, 1),
                new BodyShrink("total", BodyShrink.MISSING, 1),
                new BodyShrink("user", BodyShrink.MISSING, 1));
    }

    @Test
    void aBodyThatIsNoLongerJsonLostEverything() {
        BodyShape baseline = BodyShape.of(FULL);
        assertThat(BodyShape.of("service temporarily degraded")).isEqualTo(BodyShape.NOT_JSON);
        assertThat(BodyShape.of("").shrinksFrom(baseline)).containsExactly(new BodyShrink("", BodyShrink.MISSING, 1));
        assertThat(BodyShape.of("").shrinksFrom(baseline).get(0).describe()).isEqualTo("no JSON body");
        BodyShape list = BodyShape.of("[{\"id\": 1}]");
        assertThat(BodyShape.of("[]").shrinksFrom(list)).containsExactly(new BodyShrink("", BodyShrink.EMPTIED, 1));
    }

    @Test
    void theIntersectionKeepsOnlyWhatBothShapesHave() {
        BodyShape a = BodyShape.of("{\"items\": [1], \"optional\": 1, \"id\": 1}");
        BodyShape b = BodyShape.of("{\"items\": [], \"id\": 2}");
        BodyShape both = a.intersect(b);
        assertThat(both.fields()).containsExactlyInAnyOrder("", "items", "id");
        assertThat(both.nonEmptyArrays()).isEmpty();
        assertThat(both.comparable()).isTrue();
        assertThat(BodyShape.of("{}").comparable()).as("nothing to lose").isFalse();
        assertThat(BodyShape.NOT_JSON.comparable()).isFalse();
        assertThat(BodyShape.of("[1]").comparable()).isTrue();
    }
}
