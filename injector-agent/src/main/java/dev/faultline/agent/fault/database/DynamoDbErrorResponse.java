package dev.faultline.agent.fault.database;

import dev.faultline.common.fault.DynamoDbError;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.zip.CRC32;

/** An error response exactly as the DynamoDB API sends it, so that SDKs parse it (and retry it) as the real one. */
public final class DynamoDbErrorResponse {

    private DynamoDbErrorResponse() {
    }

    public static FullHttpResponse of(DynamoDbError error, String requestId) {
        byte[] body = ("{\"__type\":\"" + error.awsType() + "\",\"message\":\"" + error.message() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        // The SDKs verify x-amz-crc32 when present; sending the right one keeps the response indistinguishable.
        CRC32 crc = new CRC32();
        crc.update(body);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(error.status()), Unpooled.wrappedBuffer(body));
        // header names spelt as DynamoDB spells them
        response.headers()
                .set("x-amzn-RequestId", requestId)
                .set("x-amz-crc32", crc.getValue())
                .set("Content-Type", "application/x-amz-json-1.0")
                .set("Content-Length", body.length);
        return response;
    }

    public static FullHttpResponse of(DynamoDbError error) {
        return of(error, UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT));
    }
}
