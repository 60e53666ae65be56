package dev.faultline.agent.fault.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpMessageTest {

    @Test
    void readsKeepAliveRequestsOneAfterTheOtherWithTheirExactBytes() throws IOException {
        String first = "POST / HTTP/1.1\r\nHost: db:8000\r\nX-Amz-Target: DynamoDB_20120810.PutItem\r\n"
                + "Content-Length: 5\r\n\r\nhello";
        String second = "POST / HTTP/1.1\r\nhost: db:8000\r\ncontent-length: 2\r\n\r\n{}";
        InputStream in = stream(first + second);
        HttpMessage one = HttpMessage.readRequest(in);
        assertThat(one.header("X-Amz-Target")).isEqualTo("DynamoDB_20120810.PutItem");
        assertThat(new String(one.raw(), StandardCharsets.ISO_8859_1)).isEqualTo(first);
        assertThat(one.closes()).isFalse();
        assertThat(new String(HttpMessage.readRequest(in).raw(), StandardCharsets.ISO_8859_1)).isEqualTo(second);
        assertThat(HttpMessage.readRequest(in)).as("clean end of stream").isNull();
    }

    @Test
    void copiesChunkedResponsesWithTheirFraming() throws IOException {
        String response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=1\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
        HttpMessage message = HttpMessage.readResponse(stream(response + "HTTP/1.1 204 No Content\r\n\r\n"));
        assertThat(new String(message.raw(), StandardCharsets.ISO_8859_1)).isEqualTo(response);
    }

    @Test
    void aResponseWithoutLengthRunsUntilClose() throws IOException {
        HttpMessage message = HttpMessage.readResponse(stream("HTTP/1.0 200 OK\r\n\r\nbody"));
        assertThat(message.untilClose()).isTrue();
        assertThat(message.closes()).isTrue();
        assertThat(message.raw()).hasSize("HTTP/1.0 200 OK\r\n\r\nbody".length());
    }

    @Test
    void refusesTruncatedAndOversizedMessages() {
        assertThatThrownBy(() -> HttpMessage.readRequest(stream("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc")))
                .hasMessageContaining("before the end of the body");
        assertThatThrownBy(() -> HttpMessage.readRequest(stream("POST / HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n")))
                .hasMessageContaining("out of bounds");
        assertThatThrownBy(() -> HttpMessage.readRequest(stream("POST / HTTP/1.1\r\nHost")))
                .hasMessageContaining("inside an HTTP head");
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
