package dev.faultline.agent.fault.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetemDelayCommandsTest {

    @Test
    void delaysOnlyTheEndpointThroughAnHtbClassWithNetem() throws Exception {
        int root = NetemDelayCommands.rootHandle("f-1");
        String h = Integer.toHexString(root);
        String n = Integer.toHexString(root + 1);
        List<List<String>> commands = NetemDelayCommands.apply(42, "eth0",
                (Inet4Address) InetAddress.getByName("172.17.0.3"), 8080, Duration.ofMillis(200), Duration.ofMillis(20),
                "f-1");
        String ns = "nsenter -t 42 -n ";
        assertThat(commands.stream().map(c -> String.join(" ", c))).containsExactly(
                ns + "tc qdisc add dev eth0 root handle " + h + ": htb",
                ns + "tc class add dev eth0 parent " + h + ": classid " + h + ":2 htb rate 10gbit",
                ns + "tc qdisc add dev eth0 parent " + h + ":2 handle " + n + ": netem delay 200000us 20000us",
                ns + "tc filter add dev eth0 parent " + h + ": protocol ip prio 1 u32 match ip dst 172.17.0.3/32"
                        + " match ip dport 8080 0xffff flowid " + h + ":2");
    }

    @Test
    void theRootHandleIsTheTagThatRevertLooksFor() {
        int root = NetemDelayCommands.rootHandle("f-1");
        assertThat(root).isBetween(0x100, 0xfffe).isEven();
        String show = "qdisc htb " + Integer.toHexString(root) + ": root refcnt 2 r2q 10 default 0\n";
        assertThat(NetemDelayCommands.rootPresent(show, "f-1")).isTrue();
        assertThat(NetemDelayCommands.rootPresent("qdisc noqueue 0: root refcnt 2\n", "f-1")).isFalse();
    }

    @Test
    void recognisesAKernelWithoutNetem() {
        assertThat(NetemDelayCommands.meansNoNetem("tc ... exited with 2: Error: Specified qdisc kind is unknown."))
                .isTrue();
        assertThat(NetemDelayCommands.meansNoNetem("Error: Exclusivity flag on, cannot modify.")).isFalse();
    }
}
