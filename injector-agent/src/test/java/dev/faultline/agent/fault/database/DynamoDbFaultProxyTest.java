package dev.faultline.agent.fault.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.faultline.agent.proxy.LocalProxy;
import dev.faultline.common.fault.DynamoDbOperationFault;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DynamoDB proxy's HTTP framing on loopback: raw bytes from the client side, the JDK's HTTP server as the
 * endpoint (chunked responses, keep-alive). {@code DynamoDbFaultProxyIT} does the same with the AWS SDK and dynalite.
 */
class DynamoDbFaultProxyTest {

    private final List<String> reachedEndpoint = new CopyOnWriteArrayList<>();
    private final List<Integer> endpointClientPorts = new CopyOnWriteArrayList<>();
    private HttpServer endpoint;
    private LocalProxy proxy;

    @BeforeEach
    void start() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        endpoint.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            reachedEndpoint.add(target + " " + body);
            endpointClientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.sendResponseHeaders(200, 0); // length 0: a chunked response
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(("answer-to:" + target).getBytes(StandardCharsets.UTF_8));
            }
        });
        endpoint.start();
        proxy = DynamoDbFaultProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                endpoint.getAddress(), new DynamoDbFaultPlan(
                        List.of(new DynamoDbOperationFault("PutItem", null, 100.0, null)), new Random(1)));
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (endpoint != null) {
            endpoint.stop(0);
        }
    }

    @Test
    void answersTheChosenOperationItselfAndForwardsPipelinedOthersInOrderOnOneUpstreamConnection() throws IOException {
        try (Socket client = connect()) {
            client.getOutputStream().write((request("PutItem", "{\"n\":1}", false)
                    + request("Query", "{\"n\":2}", false)
                    + request("GetItem", "{\"n\":3}", false)).getBytes(StandardCharsets.UTF_8));
            String responses = readUntil(client.getInputStream(), "answer-to:DynamoDB_20120810.GetItem");

            int throttled = responses.indexOf("HTTP/1.1 400 Bad Request");
            int query = responses.indexOf("answer-to:DynamoDB_20120810.Query");
            int get = responses.indexOf("answer-to:DynamoDB_20120810.GetItem");
            assertThat(throttled).as("PutItem answered by the proxy, first").isNotNegative();
            assertThat(query).as("responses in request order").isGreaterThan(throttled).isLessThan(get);
            assertThat(responses).contains("ProvisionedThroughputExceededException");
        }
        assertThat(reachedEndpoint).containsExactly(
                "DynamoDB_20120810.Query {\"n\":2}", "DynamoDB_20120810.GetItem {\"n\":3}");
        assertThat(endpointClientPorts.stream().distinct()).as("one upstream connection, kept alive").hasSize(1);
    }

    @Test
    void closesTheConnectionAfterAnsweringARequestThatAsksForIt() throws IOException {
        try (Socket client = connect()) {
            client.getOutputStream().write(request("PutItem", "{}", true).getBytes(StandardCharsets.UTF_8));
            String all = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(all).as("everything until the proxy closed").startsWith("HTTP/1.1 400 Bad Request")
                    .endsWith("\"}");
        }
        assertThat(reachedEndpoint).isEmpty();
    }

    @Test
    void cutsAConnectionThatSendsSomethingOtherThanHttp() throws IOException {
        try (Socket client = connect()) {
            client.getOutputStream().write("\u0016\u0003\u0001 not http at all\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(readToEndOrReset(client.getInputStream())).doesNotContain("answer-to");
        }
        assertThat(reachedEndpoint).isEmpty();
    }

    private Socket connect() throws IOException {
        Socket client = new Socket();
        client.connect(proxy.address(), 1000);
        client.setSoTimeout(3000);
        return client;
    }

    private static String request(String operation, String body, boolean close) {
        return "POST / HTTP/1.1\r\nHost: dynamodb.local:8000\r\n"
                + "X-Amz-Target: DynamoDB_20120810." + operation + "\r\n"
                + "Content-Type: application/x-amz-json-1.0\r\n"
                + (close ? "Connection: close\r\n" : "")
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static String readUntil(InputStream in, String marker) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (!text.toString().contains(marker)) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new AssertionError("connection ended before " + marker + " arrived; got:\n" + text);
            }
            text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private static String readToEndOrReset(InputStream in) throws IOException {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.net.SocketException reset) {
            return "";
        }
    }
}
