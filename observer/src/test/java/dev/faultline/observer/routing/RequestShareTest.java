package dev.faultline.observer.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestShareTest {

    static ServerState up(Long requests) {
        return new ServerState(true, "UP", requests);
    }

    @Test
    void sharesAreTheGrowthOfEachCounter() {
        Map<String, Double> share = RequestShare.between(Map.of("a", up(10L), "b", up(10L)),
                Map.of("a", up(13L), "b", up(19L)));

        assertThat(share).containsOnly(Map.entry("a", 0.25), Map.entry("b", 0.75));
    }

    @Test
    void aServerThatGotNothingWhileOthersDidWasRoutedAway() {
        Map<String, ServerState> before = Map.of("a", up(10L), "b", up(10L));

        assertThat(RequestShare.routedAwayFrom("a", before, Map.of("a", up(10L), "b", up(15L)))).isTrue();
        assertThat(RequestShare.routedAwayFrom("a", before, Map.of("a", up(11L), "b", up(15L)))).isFalse();
        // No traffic at all says nothing about where it would have gone.
        assertThat(RequestShare.routedAwayFrom("a", before, before)).isFalse();
    }

    @Test
    void serversWithoutACounterOrWithAResetOneAreLeftOut() {
        Map<String, ServerState> before = Map.of("a", up(null), "b", up(10L), "c", up(50L));
        Map<String, ServerState> after = Map.of("a", up(null), "b", up(14L), "c", up(2L));

        assertThat(RequestShare.newRequests(before, after)).containsOnly(Map.entry("b", 4L));
        assertThat(RequestShare.routedAwayFrom("a", before, after)).isFalse();
    }
}
