package dev.faultline.common.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.common.json.ChaosJson;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation and defaults of the network fault specs. */
class NetworkFaultSpecsTest {

    @Test
    void partitionNeedsAPeerAndDefaultsToBothDirections() {
        NetworkPartition p = new NetworkPartition(List.of("orders-db"), null, List.of(5432), null);
        assertThat(p.direction()).isEqualTo(TrafficDirection.BOTH);
        assertThat(p.cidrs()).isEmpty();
        assertThat(p.lasting()).isTrue();
        assertThat(p.type()).isEqualTo("network-partition");
        assertThatThrownBy(() -> new NetworkPartition(null, null, null, null)).hasMessageContaining("containers");
        assertThatThrownBy(() -> new NetworkPartition(List.of("a;b"), List.of("10.0.0.300"), List.of(0), null))
                .hasMessageContaining("containers[0]").hasMessageContaining("cidrs[0]").hasMessageContaining("ports[0]");
    }

    @Test
    void cidrsAreIpv4AddressesOrNetworks() {
        assertThat(NetworkChecks.isIpv4Cidr("10.0.0.0/8")).isTrue();
        assertThat(NetworkChecks.isIpv4Cidr("192.168.1.7")).isTrue();
        assertThat(NetworkChecks.isIpv4Cidr("10.0.0.0/33")).isFalse();
        assertThat(NetworkChecks.isIpv4Cidr("example.com")).isFalse();
        assertThat(NetworkChecks.isIpv4Cidr("-j ACCEPT")).isFalse();
    }

    @Test
    void packetLossIsAPercentAboveZero() {
        assertThat(PacketLoss.of(30).probability()).isEqualTo(0.3);
        assertThat(PacketLoss.of(30).direction()).isEqualTo(TrafficDirection.EGRESS);
        assertThatThrownBy(() -> PacketLoss.of(0)).hasMessageContaining("percent");
        assertThatThrownBy(() -> PacketLoss.of(101)).hasMessageContaining("percent");
        assertThatThrownBy(() -> new PacketLoss(null, null, null, null, null)).hasMessageContaining("percent");
    }

    @Test
    void bandwidthRatesInBitsOrBytesWithDefaults() {
        BandwidthLimit limit = BandwidthLimit.of("2mbit");
        assertThat(limit.rateBitsPerSecond()).isEqualTo(2_000_000);
        assertThat(limit.burst()).isEqualTo(16 * 1024);
        assertThat(limit.latency()).isEqualTo(Duration.ofMillis(50));
        assertThat(limit.device()).isEqualTo("eth0");
        assertThat(BandwidthLimit.of("1MBps").rateBitsPerSecond()).isEqualTo(8_000_000);
        assertThat(BandwidthLimit.of("512kbit").rateBitsPerSecond()).isEqualTo(512_000);
        assertThat(BandwidthLimit.of("100mbit").burst()).isEqualTo(625_000);
        assertThatThrownBy(() -> BandwidthLimit.of("fast")).hasMessageContaining("rate");
        assertThatThrownBy(() -> BandwidthLimit.of("1bit")).hasMessageContaining("between 8kbit");
        assertThatThrownBy(() -> new BandwidthLimit("1mbit", 10, null, "eth0 root")).hasMessageContaining("burst")
                .hasMessageContaining("device");
    }

    @Test
    void egressBlockMayAllowNothing() {
        assertThat(new EgressBlock(null, null, null).allowCidrs()).isEmpty();
        assertThatThrownBy(() -> new EgressBlock(null, List.of("nope"), List.of(70000)))
                .hasMessageContaining("allowCidrs[0]").hasMessageContaining("allowPorts[0]");
    }

    @Test
    void connectionResetNeedsAPeerOrPort() {
        assertThat(new ConnectionReset(null, null, List.of(8080), null).direction()).isEqualTo(TrafficDirection.BOTH);
        assertThatThrownBy(() -> new ConnectionReset(null, null, null, null)).hasMessageContaining("ports");
    }

    @Test
    void dnsFailureDropsByDefault() {
        assertThat(new DnsFailure(null).mode()).isEqualTo(DnsFailure.Mode.DROP);
    }

    @Test
    void dbPartitionTakesHostAndPort() {
        DbPartition byName = new DbPartition("orders-db:5432");
        assertThat(byName.host()).isEqualTo("orders-db");
        assertThat(byName.port()).isEqualTo(5432);
        assertThat(byName.hostIsAddress()).isFalse();
        assertThat(new DbPartition("10.0.0.7:3306").hostIsAddress()).isTrue();
        assertThatThrownBy(() -> new DbPartition("orders-db")).hasMessageContaining("endpoint");
        assertThatThrownBy(() -> new DbPartition("orders-db:99999")).hasMessageContaining("endpoint");
        assertThatThrownBy(() -> new DbPartition("10.0.0.0/8:5432")).hasMessageContaining("endpoint");
    }

    @Test
    void specsReadFromExperimentYamlByTypeName() throws Exception {
        for (String yaml : List.of(
                "type: network-partition\ncontainers: [db]\ndirection: egress\n",
                "type: egress-block\nallowCidrs: [10.0.0.0/8]\n",
                "type: packet-loss\npercent: 25\n",
                "type: bandwidth-limit\nrate: 1mbit\nlatency: 100ms\n",
                "type: connection-reset\nports: [8080]\n",
                "type: dns-failure\nmode: reject\n",
                "type: db-partition\nendpoint: db:5432\n")) {
            FaultSpec spec = ChaosJson.experimentsYaml().readValue(yaml, FaultSpec.class);
            assertThat(yaml).startsWith("type: " + spec.type());
            String json = ChaosJson.messages().writeValueAsString(spec);
            assertThat(ChaosJson.messages().readValue(json, FaultSpec.class)).isEqualTo(spec);
        }
    }
}
