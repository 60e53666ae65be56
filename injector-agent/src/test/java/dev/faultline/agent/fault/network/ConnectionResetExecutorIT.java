package dev.faultline.agent.fault.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.agent.fault.Target;
import dev.faultline.common.fault.ConnectionReset;
import dev.faultline.common.fault.TrafficDirection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connections to the target's port are refused with a reset while the fault lasts. */
class ConnectionResetExecutorIT {

    private final NetworkTestbed bed = new NetworkTestbed();
    private final ConnectionResetExecutor executor = new ConnectionResetExecutor(bed.network, bed.peers);

    @AfterEach
    void cleanUp() {
        bed.close();
    }

    @Test
    void connectionsToThePortAreResetAndWorkAgainAfterRevert() {
        NetworkTestbed.Node target = bed.start("faultline-it-rst-target");
        NetworkTestbed.Node peer = bed.start("faultline-it-rst-peer");
        Target t = bed.target(target, "it-reset-1");
        NetworkTestbed.Snapshot before = bed.snapshot(t);
        ConnectionReset spec = new ConnectionReset(null, null, List.of(8080), TrafficDirection.INGRESS);

        executor.apply(t, spec);
        try {
            NetworkTestbed.Exec refused = bed.httpGet(peer, target.url("/health"));
            assertThat(refused.ok()).isFalse();
            // A reset, not a timeout: the client is told at once.
            assertThat(refused.output()).as("wget's error").containsIgnoringCase("refused");
        } finally {
            executor.revert(t, spec);
        }

        NetworkTestbed.Exec after = bed.httpGet(peer, target.url("/health"));
        assertThat(after.ok()).as("after revert: %s", after.output()).isTrue();
        bed.assertNothingLeft(t, before);
    }
}
