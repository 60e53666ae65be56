package dev.faultline.agent.fault.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.agent.proxy.LocalProxy;
import dev.faultline.agent.testing.ContainerShell;
import dev.faultline.common.fault.DynamoDbOperationFault;
import dev.faultline.testsupport.TestInfrastructure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The DynamoDB proxy between a real AWS SDK v2 client and the real DynamoDB API (dynalite): PutItem throttled at
 * 100 %, GetItem slowed, everything else untouched.
 */
class DynamoDbFaultProxyIT {

    private static final Duration GET_DELAY = Duration.ofMillis(300);
    private static final int SAMPLES = 5;

    private final String table = "faultline-it-proxy-" + UUID.randomUUID().toString().substring(0, 8);
    private URI dynamo;
    private LocalProxy proxy;
    private DynamoDbClient direct;
    private DynamoDbClient viaProxy;

    @BeforeEach
    void start() {
        dynamo = TestInfrastructure.requireDynamoDb();
        proxy = DynamoDbFaultProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new InetSocketAddress(dynamo.getHost(), dynamo.getPort()),
                new DynamoDbFaultPlan(List.of(
                        new DynamoDbOperationFault("PutItem", null, 100.0, null),
                        new DynamoDbOperationFault("GetItem", GET_DELAY, null, null)), new Random(1)));
        direct = client(dynamo);
        viaProxy = client(URI.create("http://127.0.0.1:" + proxy.address().getPort()));
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (direct != null) {
            try {
                direct.deleteTable(b -> b.tableName(table));
            } catch (RuntimeException ignored) {
                // not created
            }
            direct.close();
        }
        if (viaProxy != null) {
            viaProxy.close();
        }
    }

    @Test
    void failsExactlyTheChosenOperationAndSlowsTheOtherOne() throws Exception {
        // CreateTable, DescribeTable (waiter): operations without a rule pass through
        viaProxy.createTable(b -> b.tableName(table)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        viaProxy.waiter().waitUntilTableExists(b -> b.tableName(table));

        Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS("k1"));
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> viaProxy.putItem(b -> b.tableName(table)
                    .item(Map.of("id", AttributeValue.fromS("k1"), "v", AttributeValue.fromS("put")))))
                    .isInstanceOfSatisfying(ProvisionedThroughputExceededException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ProvisionedThroughputExceededException");
                    });
        }
        assertThat(direct.getItem(b -> b.tableName(table).key(key).consistentRead(true)).hasItem())
                .as("a throttled PutItem never reaches DynamoDB").isFalse();

        // UpdateItem (no rule) writes through the proxy; GetItem (delayed) reads it back
        viaProxy.updateItem(b -> b.tableName(table).key(key)
                .attributeUpdates(Map.of("v", AttributeValueUpdate.builder().value(AttributeValue.fromS("updated")).build())));
        assertThat(viaProxy.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item().get("v").s())
                .isEqualTo("updated");

        List<Long> baseline = new ArrayList<>();
        List<Long> delayed = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            baseline.add(timeMillis(() -> direct.getItem(b -> b.tableName(table).key(key))));
            delayed.add(timeMillis(() -> viaProxy.getItem(b -> b.tableName(table).key(key))));
        }
        long added = ContainerShell.median(delayed) - ContainerShell.median(baseline);
        System.out.printf("dynamodb-faults: GetItem requested +%d ms, direct %s ms, via proxy %s ms, added (median) %d ms;"
                + " PutItem throttled 5/5 with 400 ProvisionedThroughputExceededException%n",
                GET_DELAY.toMillis(), baseline, delayed, added);
        assertThat(added).isBetween(Math.round(GET_DELAY.toMillis() * 0.8), Math.round(GET_DELAY.toMillis() * 1.2));

        InetSocketAddress address = proxy.address();
        proxy.close();
        try (Socket socket = new Socket()) {
            socket.connect(address, 1000);
            throw new AssertionError("the proxy port still accepts connections after close");
        } catch (IOException refused) {
            // closed
        }
    }

    private static long timeMillis(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("it", "it")))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(5)).build())
                // no retries: every throttle must reach the test, not be retried away
                .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none()))
                .build();
    }
}
