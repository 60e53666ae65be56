package dev.faultline.agent.fault.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.agent.fault.Target;
import dev.faultline.common.fault.NetworkPartition;
import dev.faultline.common.fault.TrafficDirection;
import dev.faultline.agent.fault.UnsupportedOnHostException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A partition from one peer on real containers: the peer's requests fail, others' do not, revert heals it. */
class NetworkPartitionExecutorIT {

    private final NetworkTestbed bed = new NetworkTestbed();
    private final NetworkPartitionExecutor executor = new NetworkPartitionExecutor(bed.network, bed.peers);

    @AfterEach
    void cleanUp() {
        bed.close();
    }

    @Test
    void requestsFromThePeerFailDuringThePartitionAndSucceedAfterRevert() {
        NetworkTestbed.Node target = bed.start("faultline-it-part-target");
        NetworkTestbed.Node peer = bed.start("faultline-it-part-peer");
        NetworkTestbed.Node bystander = bed.start("faultline-it-part-other");
        Target t = bed.target(target, "it-partition-1");
        NetworkTestbed.Snapshot before = bed.snapshot(t);
        NetworkTestbed.Exec reachable = bed.httpGet(peer, target.url("/health"));
        assertThat(reachable.ok()).as("peer reaches the target before: %s", reachable.output()).isTrue();

        executor.apply(t, new NetworkPartition(List.of(peer.name()), null, null, TrafficDirection.BOTH));
        try {
            NetworkTestbed.Exec cut = bed.httpGet(peer, target.url("/health"));
            assertThat(cut.ok()).as("peer's request during the partition: %s", cut.output()).isFalse();
            assertThat(bed.httpGet(target, peer.url("/health")).ok()).as("target's request to the peer").isFalse();
            assertThat(bed.httpGet(bystander, target.url("/health")).ok())
                    .as("a container that is not partitioned still reaches the target").isTrue();
        } finally {
            executor.revert(t, new NetworkPartition(List.of(peer.name()), null, null, TrafficDirection.BOTH));
        }

        assertThat(bed.httpGet(peer, target.url("/health")).ok()).as("peer reaches the target after revert").isTrue();
        bed.assertNothingLeft(t, before);
        // Reverting again finds nothing and is fine.
        executor.revert(t, new NetworkPartition(List.of(peer.name()), null, null, TrafficDirection.BOTH));
        bed.assertNothingLeft(t, before);
    }

    @Test
    void aMatchTheHostLacksIsUnsupportedOnHostAndLeavesNothingBehind() {
        NetworkTestbed.Node target = bed.start("faultline-it-part-unsupported");
        Target t = bed.target(target, "it-partition-2");
        NetworkTestbed.Snapshot before = bed.snapshot(t);
        FaultChains chains = new FaultChains("it-partition-2");
        List<IptablesRule> rules = List.of(
                new IptablesRule(FaultChains.Hook.INPUT, List.of("-s", "10.0.0.5"), IptablesRule.DROP),
                new IptablesRule(FaultChains.Hook.INPUT, List.of("-m", "faultlinenosuchmatch"), IptablesRule.DROP));

        assertThatThrownBy(() -> bed.network.installRules(t, chains, rules))
                .isInstanceOf(UnsupportedOnHostException.class)
                .hasMessageContaining("faultlinenosuchmatch");
        bed.assertNothingLeft(t, before);
    }
}
