package dev.faultline.agent.fault.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 message read off a stream with its exact bytes, so that a proxy can forward it unchanged (request
 * signatures cover the headers) while looking at its start line and headers.
 *
 * @param startLine    {@code POST / HTTP/1.1} or {@code HTTP/1.1 200 OK}
 * @param headers      first value of each header, names in lower case
 * @param raw          the whole message as read: head and body, chunked framing included
 * @param untilClose   the body ran until the peer closed (a response without length): the connection is done
 */
public record HttpMessage(String startLine, Map<String, String> headers, byte[] raw, boolean untilClose) {

    static final int MAX_HEAD_BYTES = 64 * 1024;
    static final long MAX_BODY_BYTES = 32L * 1024 * 1024;

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Whether the sender wants the connection closed after this message. */
    public boolean closes() {
        return untilClose || "close".equalsIgnoreCase(header("connection"))
                || startLine.startsWith("HTTP/1.0") && !"keep-alive".equalsIgnoreCase(header("connection"));
    }

    /** @return the next request, or null when the stream ended cleanly before one started */
    public static HttpMessage readRequest(InputStream in) throws IOException {
        return read(in, false);
    }

    /** @return the next response, or null when the stream ended cleanly before one started */
    public static HttpMessage readResponse(InputStream in) throws IOException {
        return read(in, true);
    }

    private static HttpMessage read(InputStream in, boolean response) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        String head = readHead(in, raw);
        if (head == null) {
            return null;
        }
        String[] lines = head.split("\r\n");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line: " + lines[i]);
            }
            headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        String startLine = lines[0];
        boolean untilClose = false;
        if (response && !hasBody(startLine)) {
            // 1xx, 204 and 304 never carry a body
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            copyChunked(in, raw);
        } else if (headers.containsKey("content-length")) {
            long length;
            try {
                length = Long.parseLong(headers.get("content-length"));
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length: " + headers.get("content-length"));
            }
            if (length < 0 || length > MAX_BODY_BYTES) {
                throw new IOException("Content-Length out of bounds: " + length);
            }
            copyExactly(in, raw, length);
        } else if (response) {
            untilClose = true;
            copyUntilEnd(in, raw);
        }
        return new HttpMessage(startLine, headers, raw.toByteArray(), untilClose);
    }

    private static boolean hasBody(String statusLine) {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2) {
            return true;
        }
        String code = parts[1];
        return !(code.startsWith("1") || code.equals("204") || code.equals("304"));
    }

    /** Reads up to and including the blank line; null when the stream ends before the first byte. */
    private static String readHead(InputStream in, ByteArrayOutputStream raw) throws IOException {
        int matched = 0;
        int count = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                if (count == 0) {
                    return null;
                }
                throw new IOException("stream ended inside an HTTP head");
            }
            raw.write(b);
            count++;
            if (count > MAX_HEAD_BYTES) {
                throw new IOException("HTTP head longer than " + MAX_HEAD_BYTES + " bytes");
            }
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String head = raw.toString(StandardCharsets.ISO_8859_1);
        return head.substring(0, head.length() - 4);
    }

    private static void copyChunked(InputStream in, ByteArrayOutputStream raw) throws IOException {
        long total = 0;
        while (true) {
            String sizeLine = readLine(in, raw);
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size line: " + sizeLine);
            }
            total += size;
            if (size < 0 || total > MAX_BODY_BYTES) {
                throw new IOException("chunked body out of bounds");
            }
            if (size == 0) {
                // trailers, then the blank line
                while (!readLine(in, raw).isEmpty()) {
                    // copied by readLine
                }
                return;
            }
            copyExactly(in, raw, size);
            if (!readLine(in, raw).isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    private static String readLine(InputStream in, ByteArrayOutputStream raw) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("stream ended inside chunked framing");
            }
            raw.write(b);
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() > 1024) {
                throw new IOException("chunk framing line too long");
            }
            line.append((char) b);
        }
    }

    private static void copyExactly(InputStream in, ByteArrayOutputStream raw, long length) throws IOException {
        byte[] buffer = new byte[8192];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("stream ended " + left + " bytes before the end of the body");
            }
            raw.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void copyUntilEnd(InputStream in, ByteArrayOutputStream raw) throws IOException {
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            raw.write(buffer, 0, n);
            if (raw.size() > MAX_BODY_BYTES) {
                throw new IOException("body longer than " + MAX_BODY_BYTES + " bytes");
            }
        }
    }
}
