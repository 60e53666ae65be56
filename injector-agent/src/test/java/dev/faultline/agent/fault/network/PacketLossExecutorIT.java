package dev.faultline.agent.fault.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.agent.fault.Target;
import dev.faultline.common.fault.PacketLoss;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Loss measured with 200 pings from a peer, against the requested rate. */
class PacketLossExecutorIT {

    private static final int PROBES = 200;
    private static final double REQUESTED_PERCENT = 30;
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) packets received");

    private final NetworkTestbed bed = new NetworkTestbed();
    private final PacketLossExecutor executor = new PacketLossExecutor(bed.network, bed.peers);

    @AfterEach
    void cleanUp() {
        bed.close();
    }

    @Test
    void measuredLossOver200ProbesIsWithinTenPointsOfTheRequestedRate() {
        NetworkTestbed.Node target = bed.start("faultline-it-loss-target");
        NetworkTestbed.Node peer = bed.start("faultline-it-loss-peer");
        Target t = bed.target(target, "it-loss-1");
        NetworkTestbed.Snapshot before = bed.snapshot(t);
        PacketLoss spec = PacketLoss.of(REQUESTED_PERCENT);

        executor.apply(t, spec);
        double measured;
        try {
            measured = lossPercent(peer, target, PROBES);
        } finally {
            executor.revert(t, spec);
        }
        System.out.printf("packet-loss: requested %.1f %%, measured %.1f %% over %d probes%n", REQUESTED_PERCENT,
                measured, PROBES);
        assertThat(measured).as("loss over %d pings (egress loss drops the echo replies)", PROBES)
                .isBetween(REQUESTED_PERCENT - 10, REQUESTED_PERCENT + 10);

        assertThat(lossPercent(peer, target, 20)).as("loss after revert").isZero();
        bed.assertNothingLeft(t, before);
    }

    /** {@code ping} from {@code from}: 20 ms apart, 1 s to answer each, and its own count of what came back. */
    private double lossPercent(NetworkTestbed.Node from, NetworkTestbed.Node to, int count) {
        NetworkTestbed.Exec ping = bed.exec(from, 30, "ping", "-q", "-c", Integer.toString(count), "-i", "0.02",
                "-W", "1", to.ip());
        Matcher m = SUMMARY.matcher(ping.output());
        assertThat(m.find()).as("ping summary in: %s", ping.output()).isTrue();
        int sent = Integer.parseInt(m.group(1));
        int received = Integer.parseInt(m.group(2));
        assertThat(sent).isEqualTo(count);
        return 100.0 * (sent - received) / sent;
    }
}
