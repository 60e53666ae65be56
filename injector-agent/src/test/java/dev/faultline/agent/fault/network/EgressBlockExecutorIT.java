package dev.faultline.agent.fault.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.agent.fault.Target;
import dev.faultline.common.fault.EgressBlock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The target loses every outbound destination but the allowed one, and still serves its own callers. */
class EgressBlockExecutorIT {

    private final NetworkTestbed bed = new NetworkTestbed();
    private final EgressBlockExecutor executor = new EgressBlockExecutor(bed.network, bed.peers);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void cleanUp() {
        bed.close();
    }

    @Test
    void onlyTheAllowListIsReachableAndInboundCallsStillWork() throws Exception {
        NetworkTestbed.Node target = bed.start("faultline-it-egress-target");
        NetworkTestbed.Node external = bed.start("faultline-it-egress-api");
        NetworkTestbed.Node allowed = bed.start("faultline-it-egress-allowed");
        Target t = bed.target(target, "it-egress-1");
        NetworkTestbed.Snapshot before = bed.snapshot(t);
        EgressBlock spec = new EgressBlock(List.of(allowed.name()), null, null);

        executor.apply(t, spec);
        try {
            assertThat(bed.httpGet(target, external.url("/health")).ok()).as("blocked destination").isFalse();
            NetworkTestbed.Exec toAllowed = bed.httpGet(target, allowed.url("/health"));
            assertThat(toAllowed.ok()).as("allowed destination: %s", toAllowed.output()).isTrue();
            assertThat(bed.httpGet(external, target.url("/health")).ok())
                    .as("a peer calling the target gets its answer").isTrue();
            assertThat(status(target)).as("the host calling the published port").isEqualTo(200);
        } finally {
            executor.revert(t, spec);
        }

        NetworkTestbed.Exec after = bed.httpGet(target, external.url("/health"));
        assertThat(after.ok()).as("after revert: %s", after.output()).isTrue();
        bed.assertNothingLeft(t, before);
    }

    private int status(NetworkTestbed.Node node) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(node.publishedUrl("/health")))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }
}
