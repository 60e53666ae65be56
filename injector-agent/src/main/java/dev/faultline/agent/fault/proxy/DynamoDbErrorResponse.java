package dev.faultline.agent.fault.proxy;

import dev.faultline.common.fault.DynamoDbError;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.CRC32;

/** An error response exactly as the DynamoDB API sends it, so that SDKs parse it (and retry it) as the real one. */
public final class DynamoDbErrorResponse {

    private DynamoDbErrorResponse() {
    }

    public static byte[] of(DynamoDbError error, String requestId) {
        byte[] body = ("{\"__type\":\"" + error.awsType() + "\",\"message\":\"" + error.message() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        // The SDKs verify x-amz-crc32 when present; sending the right one keeps the response indistinguishable.
        CRC32 crc = new CRC32();
        crc.update(body);
        String head = "HTTP/1.1 " + error.status() + " " + reason(error.status()) + "\r\n"
                + "x-amzn-RequestId: " + requestId + "\r\n"
                + "x-amz-crc32: " + crc.getValue() + "\r\n"
                + "Content-Type: application/x-amz-json-1.0\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    public static byte[] of(DynamoDbError error) {
        return of(error, UUID.randomUUID().toString().replace("-", "").toUpperCase(java.util.Locale.ROOT));
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 500 -> "Internal Server Error";
            default -> "Error";
        };
    }
}
