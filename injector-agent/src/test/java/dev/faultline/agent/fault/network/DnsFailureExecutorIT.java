package dev.faultline.agent.fault.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.agent.fault.Target;
import dev.faultline.common.fault.DnsFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lookups of a peer's name through Docker's embedded DNS fail during the fault, in both modes. */
class DnsFailureExecutorIT {

    private final NetworkTestbed bed = new NetworkTestbed();
    private final DnsFailureExecutor executor = new DnsFailureExecutor(bed.network);

    @AfterEach
    void cleanUp() {
        bed.close();
    }

    @Test
    void lookupsFailInBothModesAndResolveAgainAfterRevert() {
        NetworkTestbed.Node target = bed.start("faultline-it-dns-target");
        NetworkTestbed.Node peer = bed.start("faultline-it-dns-peer");
        Target t = bed.target(target, "it-dns-1");
        NetworkTestbed.Snapshot before = bed.snapshot(t);
        assertThat(lookup(target, peer).ok()).as("lookup before").isTrue();

        for (DnsFailure.Mode mode : DnsFailure.Mode.values()) {
            DnsFailure spec = new DnsFailure(mode);
            executor.apply(t, spec);
            try {
                NetworkTestbed.Exec failed = lookup(target, peer);
                assertThat(failed.ok()).as("lookup with %s: %s", mode, failed.output()).isFalse();
                // The name is only unresolvable: the peer is still reachable by address.
                assertThat(bed.httpGet(target, peer.url("/health")).ok()).as("peer by address").isTrue();
            } finally {
                executor.revert(t, spec);
            }
            NetworkTestbed.Exec after = lookup(target, peer);
            assertThat(after.ok()).as("lookup after revert of %s: %s", mode, after.output()).isTrue();
            bed.assertNothingLeft(t, before);
        }
    }

    /** Only names of containers on the testbed's network: Docker answers them itself, nothing leaves the host. */
    private NetworkTestbed.Exec lookup(NetworkTestbed.Node from, NetworkTestbed.Node name) {
        return bed.exec(from, 10, "timeout", "2", "nslookup", name.name());
    }
}
