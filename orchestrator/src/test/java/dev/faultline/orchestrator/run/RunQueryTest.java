package dev.faultline.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.common.run.RunState;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.Verdict;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunQueryTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static RunView view(String id, String experiment, RunState state, Instant createdAt, Verdict verdict) {
        RunVerdict judged = verdict == null ? null
                : RunVerdict.of(id, experiment, verdict, List.of(), List.of(), List.of(), 250, createdAt);
        return new RunView(id, experiment, state, createdAt, createdAt, createdAt, null, List.of(), List.of(),
                List.of(), null, judged);
    }

    @Test
    void everyFilterMustMatch() {
        RunView passed = view("r1", "checkout", RunState.COMPLETED, T0, Verdict.PASS);
        assertThat(new RunQuery(null, null, null, null, 10, null).matches(passed)).isTrue();
        assertThat(new RunQuery("checkout", Verdict.PASS, RunState.COMPLETED, T0, 10, null).matches(passed)).isTrue();
        assertThat(new RunQuery("stock", null, null, null, 10, null).matches(passed)).isFalse();
        assertThat(new RunQuery(null, Verdict.FAIL, null, null, 10, null).matches(passed)).isFalse();
        assertThat(new RunQuery(null, null, RunState.ABORTED, null, 10, null).matches(passed)).isFalse();
        assertThat(new RunQuery(null, null, null, T0.plusMillis(1), 10, null).matches(passed)).isFalse();
        RunView running = view("r2", "checkout", RunState.RUNNING, T0, null);
        assertThat(new RunQuery(null, Verdict.PASS, null, null, 10, null).matches(running))
                .as("an unjudged run has no verdict to match").isFalse();
    }

    @Test
    void aPageTokenContinuesAfterItsRunNewestFirstAndRoundTrips() {
        PageToken token = new PageToken(T0, "run-b");
        assertThat(PageToken.decode(token.encode())).isEqualTo(token);
        RunQuery next = new RunQuery(null, null, null, null, 10, token);
        assertThat(next.afterToken(view("older", "x", RunState.COMPLETED, T0.minusSeconds(1), null))).isTrue();
        assertThat(next.afterToken(view("run-a", "x", RunState.COMPLETED, T0, null))).as("same instant, lower id")
                .isTrue();
        assertThat(next.afterToken(view("run-b", "x", RunState.COMPLETED, T0, null))).isFalse();
        assertThat(next.afterToken(view("newer", "x", RunState.COMPLETED, T0.plusSeconds(1), null))).isFalse();
    }

    @Test
    void aTokenNoPageHandedOutAndALimitOutOfRangeAreRefused() {
        assertThatThrownBy(() -> PageToken.decode("not-a-token")).isInstanceOf(PageToken.InvalidPageTokenException.class);
        assertThatThrownBy(() -> PageToken.decode("%%%")).isInstanceOf(PageToken.InvalidPageTokenException.class);
        assertThatThrownBy(() -> new RunQuery(null, null, null, null, 0, null)).hasMessageContaining("limit");
        assertThatThrownBy(() -> new RunQuery(null, null, null, null, RunQuery.MAX_LIMIT + 1, null))
                .hasMessageContaining("limit");
    }

    @Test
    void storedInstantsSortAsText() {
        List<Instant> instants = List.of(T0, T0.plusMillis(500), T0.plusNanos(1), T0.plusSeconds(1),
                T0.minusNanos(1));
        List<String> sortedAsText = instants.stream().map(DynamoDbRunStore::sortable).sorted().toList();
        List<String> sortedAsTime = instants.stream().sorted().map(DynamoDbRunStore::sortable).toList();
        assertThat(sortedAsText).isEqualTo(sortedAsTime);
    }
}
