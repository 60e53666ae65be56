package dev.faultline.agent.fault.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.faultline.agent.fault.Target;
import dev.faultline.agent.testing.ContainerShell;
import dev.faultline.agent.testing.DemoPair;
import dev.faultline.common.fault.DbConnectionExhaustion;
import dev.faultline.testsupport.TestContainers;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * db-connection-exhaustion against a real server container: the connections are counted on the server's side,
 * in its own network namespace ({@code /proc/net/tcp}), while held and after revert.
 */
class DbConnectionExhaustionExecutorIT {

    private static final int CONNECTIONS = 40;

    private final TestContainers containers = new TestContainers();
    private final DbConnectionExhaustionExecutor executor = new DbConnectionExhaustionExecutor();

    @AfterEach
    void removeContainers() {
        containers.close();
    }

    @Test
    void holdsNConnectionsOnTheServerAndReleasesThemOnRevert() throws Exception {
        DemoPair pair = DemoPair.start(containers, "faultline-it-conns");
        Target target = pair.target("conns-" + UUID.randomUUID());
        DbConnectionExhaustion spec = new DbConnectionExhaustion(pair.dependencyIp(), TestContainers.DEMO_TARGET_PORT,
                CONNECTIONS);
        int before = establishedFromOutside(pair);

        long start = System.nanoTime();
        executor.apply(target, spec);
        int held = awaitCount(pair, before + CONNECTIONS);
        System.out.printf("db-connection-exhaustion: requested %d, server sees %d established (before: %d) after %d ms%n",
                CONNECTIONS, held, before, (System.nanoTime() - start) / 1_000_000);
        assertThat(held - before).as("connections the server holds for the fault").isEqualTo(CONNECTIONS);
        assertThat(executor.holding(target.faultId())).isEqualTo(CONNECTIONS);

        executor.revert(target, spec);
        int after = awaitCount(pair, before);
        assertThat(after).as("established connections on the server after revert").isEqualTo(before);
        assertThat(executor.holding(target.faultId())).isZero();
        executor.revert(target, spec); // again: harmless
    }

    /** The count once it is {@code expected}; fails after 3 s with the last count seen. */
    private static int awaitCount(DemoPair pair, int expected) {
        return await("established connections from outside the server").atMost(Duration.ofSeconds(3))
                .until(() -> establishedFromOutside(pair), equalTo(expected));
    }

    /**
     * ESTABLISHED connections to the server's port 8080 from any address but its own loopback (its health check),
     * read from /proc/net/tcp and tcp6 (httpd listens dual-stack, so IPv4 peers appear there v4-mapped) in the
     * server's network namespace.
     */
    static int establishedFromOutside(DemoPair pair) {
        int count = 0;
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            String table = ContainerShell.inNamespace(pair.dependencyPid(), List.of("cat", file)).stdout();
            for (String line : table.lines().skip(1).toList()) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[1].endsWith(":1F90") && f[3].equals("01")
                        && !f[2].split(":")[0].endsWith("0100007F")) {
                    count++;
                }
            }
        }
        return count;
    }
}
