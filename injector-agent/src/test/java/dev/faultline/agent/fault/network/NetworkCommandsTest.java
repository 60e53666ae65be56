package dev.faultline.agent.fault.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.agent.fault.network.FaultChains.Hook;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure builders behind every network fault: exact argument lists and refusal of bad input. */
class NetworkCommandsTest {

    private final FaultChains chains = new FaultChains("run-1-f0-0");

    @Test
    void entersOnlyTheNetworkNamespaceOfAContainerProcess() {
        assertThat(NetnsCommand.enter(4242, List.of("tc", "qdisc", "show")))
                .containsExactly("nsenter", "-t", "4242", "-n", "tc", "qdisc", "show");
        assertThatThrownBy(() -> NetnsCommand.enter(1, List.of("iptables-save"))).hasMessageContaining("pid 1");
        assertThatThrownBy(() -> NetnsCommand.enter(4242, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void chainsAndTagsDeriveFromTheFaultId() {
        assertThat(chains.tag()).isEqualTo("faultline:run-1-f0-0");
        assertThat(chains.chain(Hook.INPUT)).matches("FAULTLINE-[0-9A-F]{10}-IN");
        assertThat(chains.chain(Hook.OUTPUT)).hasSizeLessThanOrEqualTo(28).endsWith("-OUT");
        assertThat(new FaultChains("run-1-f0-1").chain(Hook.INPUT)).isNotEqualTo(chains.chain(Hook.INPUT));
        assertThat(new FaultChains("run-1-f0-0").chain(Hook.INPUT)).isEqualTo(chains.chain(Hook.INPUT));
        assertThatThrownBy(() -> new FaultChains("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaultChains(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void iptablesCommandsTagEveryRuleAndJump() {
        String in = chains.chain(Hook.INPUT);
        assertThat(IptablesCommand.newChain(in)).containsExactly("iptables", "-w", "5", "-t", "filter", "-N", in);
        assertThat(IptablesCommand.append(chains,
                new IptablesRule(Hook.INPUT, List.of("-s", "10.0.0.5"), IptablesRule.DROP)))
                .containsExactly("iptables", "-w", "5", "-t", "filter", "-A", in, "-m", "comment", "--comment",
                        "faultline:run-1-f0-0", "-s", "10.0.0.5", "-j", "DROP");
        assertThat(IptablesCommand.insertJump(chains, Hook.INPUT))
                .containsExactly("iptables", "-w", "5", "-t", "filter", "-I", "INPUT", "1", "-m", "comment",
                        "--comment", "faultline:run-1-f0-0", "-j", in);
        assertThat(IptablesCommand.deleteJump(chains, Hook.INPUT))
                .containsExactly("iptables", "-w", "5", "-t", "filter", "-D", "INPUT", "-m", "comment",
                        "--comment", "faultline:run-1-f0-0", "-j", in);
        assertThat(IptablesCommand.flushChain(in)).endsWith("-F", in);
        assertThat(IptablesCommand.deleteChain(in)).endsWith("-X", in);
    }

    @Test
    void peerMatchesCombineAddressesProtocolsAndPorts() {
        assertThat(PeerMatch.of(Hook.INPUT, List.of("10.0.0.5"), List.of(), PeerMatch.anyProtocol()))
                .containsExactly(List.of("-s", "10.0.0.5"));
        assertThat(PeerMatch.of(Hook.OUTPUT, List.of("10.0.0.5", "10.1.0.0/16"), List.of(5432),
                List.of(PeerMatch.Protocol.TCP)))
                .containsExactly(
                        List.of("-p", "tcp", "-d", "10.0.0.5", "--dport", "5432"),
                        List.of("-p", "tcp", "-d", "10.1.0.0/16", "--dport", "5432"));
        assertThat(PeerMatch.of(Hook.INPUT, List.of(), List.of(8080), PeerMatch.anyProtocol()))
                .containsExactly(List.of("-p", "tcp", "--dport", "8080"), List.of("-p", "udp", "--dport", "8080"));
        assertThat(PeerMatch.of(Hook.INPUT, List.of(), List.of(), List.of(PeerMatch.Protocol.TCP)))
                .containsExactly(List.of("-p", "tcp"));
    }

    @Test
    void partitionDropsEachDirectionAskedFor() {
        assertThat(NetworkPartitionExecutor.rules(dev.faultline.common.fault.TrafficDirection.BOTH,
                List.of("10.0.0.5"), List.of()))
                .containsExactly(new IptablesRule(Hook.INPUT, List.of("-s", "10.0.0.5"), IptablesRule.DROP),
                        new IptablesRule(Hook.OUTPUT, List.of("-d", "10.0.0.5"), IptablesRule.DROP));
        assertThat(NetworkPartitionExecutor.rules(dev.faultline.common.fault.TrafficDirection.INGRESS,
                List.of("10.0.0.5"), List.of())).extracting(IptablesRule::hook).containsOnly(Hook.INPUT);
    }

    @Test
    void packetLossUsesTheStatisticMatch() {
        assertThat(PacketLossExecutor.rules(dev.faultline.common.fault.TrafficDirection.EGRESS, 0.3, List.of(),
                List.of()))
                .containsExactly(new IptablesRule(Hook.OUTPUT,
                        List.of("-m", "statistic", "--mode", "random", "--probability", "0.300000"),
                        IptablesRule.DROP));
        assertThatThrownBy(() -> PacketLossExecutor.rules(dev.faultline.common.fault.TrafficDirection.EGRESS, 0,
                List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void connectionResetRejectsTcpWithAReset() {
        assertThat(ConnectionResetExecutor.rules(dev.faultline.common.fault.TrafficDirection.INGRESS, List.of(),
                List.of(8080)))
                .containsExactly(new IptablesRule(Hook.INPUT, List.of("-p", "tcp", "--dport", "8080"),
                        List.of("REJECT", "--reject-with", "tcp-reset")));
    }

    @Test
    void egressBlockLetsLoopbackAnswersAndTheAllowListPassThenDrops() {
        List<IptablesRule> rules = EgressBlockExecutor.rules(List.of("10.0.0.5"), List.of(443));
        assertThat(rules).extracting(IptablesRule::hook).containsOnly(Hook.OUTPUT);
        assertThat(rules).extracting(IptablesRule::match).containsExactly(
                List.of("-o", "lo"),
                List.of("-m", "conntrack", "--ctstate", "ESTABLISHED", "--ctdir", "REPLY"),
                List.of("-d", "10.0.0.5"),
                List.of("-p", "tcp", "--dport", "443"),
                List.of("-p", "udp", "--dport", "443"),
                List.of());
        assertThat(rules.get(rules.size() - 1).action()).isEqualTo(IptablesRule.DROP);
        assertThat(rules.subList(0, rules.size() - 1)).extracting(IptablesRule::action)
                .containsOnly(IptablesRule.RETURN);
    }

    @Test
    void dnsFailureMatchesTheOriginalPortSoDockersRewriteDoesNotHideIt() {
        assertThat(DnsFailureExecutor.rules(dev.faultline.common.fault.DnsFailure.Mode.DROP))
                .containsExactly(
                        new IptablesRule(Hook.INPUT, List.of("-p", "tcp", "-m", "conntrack", "--ctorigdstport", "53",
                                "--ctdir", "REPLY"), IptablesRule.DROP),
                        new IptablesRule(Hook.INPUT, List.of("-p", "udp", "-m", "conntrack", "--ctorigdstport", "53",
                                "--ctdir", "REPLY"), IptablesRule.DROP));
        assertThat(DnsFailureExecutor.rules(dev.faultline.common.fault.DnsFailure.Mode.REJECT))
                .extracting(IptablesRule::action)
                .containsExactly(IptablesRule.TCP_RESET, IptablesRule.PORT_UNREACHABLE);
    }

    @Test
    void dbPartitionDropsWhatTheEndpointSends() {
        assertThat(DbPartitionExecutor.rules(List.of("10.0.0.7"), 5432))
                .containsExactly(new IptablesRule(Hook.INPUT,
                        List.of("-p", "tcp", "-s", "10.0.0.7", "--sport", "5432"), IptablesRule.DROP));
        assertThatThrownBy(() -> DbPartitionExecutor.rules(List.of(), 5432))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tcTokenBucketWithAHandleFromTheFaultId() {
        String handle = TcCommand.handleFor("run-1-f0-0");
        assertThat(handle).matches("[1-9a-e][0-9a-f]{3}").isEqualTo(TcCommand.handleFor("run-1-f0-0"));
        assertThat(TcCommand.addTokenBucket("eth0", handle, 2_000_000, 16384, Duration.ofMillis(50)))
                .containsExactly("tc", "qdisc", "add", "dev", "eth0", "root", "handle", handle + ":", "tbf",
                        "rate", "2000000bit", "burst", "16384", "latency", "50ms");
        assertThat(TcCommand.deleteRoot("eth0", handle))
                .containsExactly("tc", "qdisc", "del", "dev", "eth0", "root", "handle", handle + ":");
        assertThatThrownBy(() -> TcCommand.show("eth0; reboot")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TcCommand.deleteRoot("eth0", "zz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findsTheFaultsRootQdiscInTcOutput() {
        String shown = "qdisc tbf 1a2b: root refcnt 3 rate 2Mbit burst 32Kb lat 50ms \n";
        assertThat(TcCommand.rootKindWithHandle(shown, "1a2b")).contains("tbf");
        assertThat(TcCommand.rootKindWithHandle(shown, "1a2")).isEmpty();
        assertThat(TcCommand.rootKindWithHandle("qdisc noqueue 0: root refcnt 2 \n", "1a2b")).isEmpty();
    }
}
