package dev.faultline.agent.fault.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.fault.DynamoDbError;
import dev.faultline.common.fault.DynamoDbOperationFault;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class DynamoDbFaultPlanTest {

    private static final DynamoDbOperationFault PUT_THROTTLED =
            new DynamoDbOperationFault("PutItem", null, 100.0, null);
    private static final DynamoDbOperationFault GET_SLOW =
            new DynamoDbOperationFault("GetItem", Duration.ofMillis(300), null, null);

    @Test
    void choosesByTheOperationNameOfXAmzTarget() {
        DynamoDbFaultPlan plan = new DynamoDbFaultPlan(List.of(PUT_THROTTLED, GET_SLOW), new Random(1));
        assertThat(plan.decide("DynamoDB_20120810.PutItem").error()).contains(DynamoDbError.THROTTLING);
        assertThat(plan.decide("DynamoDB_20120810.GetItem"))
                .isEqualTo(new DynamoDbFaultPlan.Decision(Duration.ofMillis(300), Optional.empty()));
        assertThat(plan.decide("DynamoDB_20120810.Query")).isEqualTo(DynamoDbFaultPlan.Decision.PASS);
        assertThat(plan.decide(null)).isEqualTo(DynamoDbFaultPlan.Decision.PASS);
        assertThat(plan.decide("DynamoDB_20120810.PutItemX")).isEqualTo(DynamoDbFaultPlan.Decision.PASS);
    }

    @Test
    void failsTheRequestedShareOfRequests() {
        DynamoDbFaultPlan plan = new DynamoDbFaultPlan(
                List.of(new DynamoDbOperationFault("PutItem", null, 25.0, null)), new Random(11));
        int failed = 0;
        for (int i = 0; i < 10_000; i++) {
            failed += plan.decide("DynamoDB_20120810.PutItem").error().isPresent() ? 1 : 0;
        }
        assertThat(failed).isBetween(2300, 2700);
    }

    @Test
    void theThrottlingResponseIsTheOneDynamoDbSends() {
        EmbeddedChannel encoder = new EmbeddedChannel(new HttpResponseEncoder());
        encoder.writeOutbound(DynamoDbErrorResponse.of(DynamoDbError.THROTTLING, "REQ1"));
        StringBuilder wire = new StringBuilder();
        for (ByteBuf part; (part = encoder.readOutbound()) != null; part.release()) {
            wire.append(part.toString(StandardCharsets.UTF_8));
        }
        String response = wire.toString();
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        assertThat(response).startsWith("HTTP/1.1 400 Bad Request\r\n")
                .contains("x-amzn-RequestId: REQ1\r\n")
                .contains("x-amz-crc32: " + crc.getValue() + "\r\n")
                .contains("Content-Type: application/x-amz-json-1.0\r\n")
                .contains("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n");
        assertThat(body).startsWith(
                "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\"");
    }
}
