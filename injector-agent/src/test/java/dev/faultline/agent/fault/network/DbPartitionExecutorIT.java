package dev.faultline.agent.fault.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.agent.fault.Target;
import dev.faultline.common.fault.DbPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The target loses one endpoint of a "database" container (an HTTP server on 8080 stands in for it) and keeps
 * reaching another port of the same container.
 */
class DbPartitionExecutorIT {

    private final NetworkTestbed bed = new NetworkTestbed();
    private final DbPartitionExecutor executor = new DbPartitionExecutor(bed.network, bed.peers);

    @AfterEach
    void cleanUp() {
        bed.close();
    }

    @Test
    void theEndpointTimesOutOtherPortsDoNotAndRevertHealsIt() {
        NetworkTestbed.Node target = bed.start("faultline-it-dbp-target");
        NetworkTestbed.Node db = bed.start("faultline-it-dbp-db");
        // A second listener on the same container: the partition is from one endpoint, not the whole host.
        assertThat(bed.exec(db, 5, "httpd", "-p", "9090", "-h", "/www").ok()).isTrue();
        String otherPort = "http://" + db.ip() + ":9090/health";
        Target t = bed.target(target, "it-dbp-1");
        NetworkTestbed.Snapshot before = bed.snapshot(t);
        DbPartition spec = new DbPartition(db.name() + ":8080");

        executor.apply(t, spec);
        try {
            NetworkTestbed.Exec cut = bed.httpGet(target, db.url("/health"));
            assertThat(cut.ok()).as("the endpoint during the partition: %s", cut.output()).isFalse();
            NetworkTestbed.Exec other = bed.httpGet(target, otherPort);
            assertThat(other.ok()).as("another port of the same container: %s", other.output()).isTrue();
        } finally {
            executor.revert(t, spec);
        }

        NetworkTestbed.Exec after = bed.httpGet(target, db.url("/health"));
        assertThat(after.ok()).as("after revert: %s", after.output()).isTrue();
        bed.assertNothingLeft(t, before);
    }
}
