package dev.faultline.agent.fault.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.agent.fault.Target;
import dev.faultline.agent.process.ProcessRunner;
import dev.faultline.agent.proxy.ProxyRedirector;
import dev.faultline.agent.testing.ContainerShell;
import dev.faultline.agent.testing.DemoPair;
import dev.faultline.common.fault.DynamoDbFaults;
import dev.faultline.common.fault.DynamoDbOperationFault;
import dev.faultline.testsupport.TestContainers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * dynamodb-faults through the redirect, on real containers: the target sends DynamoDB-API requests (busybox wget
 * with X-Amz-Target) to its "DynamoDB endpoint", a dependency container. Containers cannot reach dynalite on the
 * host's 127.0.0.1, so the dependency here is busybox httpd: what matters is which requests the proxy answers
 * itself (throttled) and which reach the endpoint. {@code DynamoDbFaultProxyIT} does the same with the AWS SDK
 * against real dynalite.
 */
class DynamoDbFaultsExecutorIT {

    private final TestContainers containers = new TestContainers();
    private final DynamoDbFaultsExecutor executor = new DynamoDbFaultsExecutor(new ProxyRedirector(new ProcessRunner()));

    @AfterEach
    void removeContainers() {
        containers.close();
    }

    @Test
    void theTargetsPutItemsAreThrottledOtherRequestsReachTheEndpointAndRevertLeavesNothing() {
        DemoPair pair = DemoPair.start(containers, "faultline-it-ddb");
        Target target = pair.target("ddb-" + UUID.randomUUID());
        DynamoDbFaults spec = new DynamoDbFaults(pair.dependencyIp(), TestContainers.DEMO_TARGET_PORT,
                List.of(new DynamoDbOperationFault("PutItem", null, 100.0, null)));

        executor.apply(target, spec);
        String rules = pair.targetIptables();
        String dnat = rules.lines().filter(l -> l.contains("faultline:" + target.faultId())).findFirst()
                .orElseThrow(() -> new AssertionError("no tagged rule:\n" + rules));
        String[] to = dnat.substring(dnat.indexOf("--to-destination ") + 17).split(" ")[0].split(":");
        InetSocketAddress proxy = new InetSocketAddress(to[0], Integer.parseInt(to[1]));

        ContainerShell.Result put = call(pair, "PutItem");
        assertThat(put.stderr()).as("PutItem from the target").contains("400 Bad Request");
        ContainerShell.Result query = call(pair, "Query");
        assertThat(query.stderr()).as("Query reaches the endpoint (httpd, which does not speak DynamoDB)")
                .doesNotContain("400 Bad Request").containsPattern("HTTP/1\\.[01] [1-5][0-9][0-9]");
        assertThat(ContainerShell.exec(pair.target().id(), "timeout 5 wget -q -O - " + pair.dependencyUrl("/health"), 10)
                .stdout()).as("plain GET passes through").contains("UP");

        executor.revert(target, spec);
        assertThat(pair.targetIptables()).doesNotContain(target.faultId()).doesNotContain("DNAT");
        try (Socket socket = new Socket()) {
            socket.connect(proxy, 1000);
            throw new AssertionError("proxy port " + proxy + " still open after revert");
        } catch (IOException refused) {
            // closed
        }
        assertThat(call(pair, "PutItem").stderr()).as("PutItem after revert reaches the endpoint")
                .doesNotContain("400 Bad Request");
        executor.revert(target, spec); // again: harmless
    }

    private static ContainerShell.Result call(DemoPair pair, String operation) {
        String script = "timeout 5 wget -S -q -O /dev/null"
                + " --header 'X-Amz-Target: DynamoDB_20120810." + operation + "'"
                + " --header 'Content-Type: application/x-amz-json-1.0'"
                + " --post-data '{\"TableName\":\"t\"}' " + pair.dependencyUrl("/");
        return ContainerShell.exec(pair.target().id(), script, 10);
    }
}
