package dev.faultline.observer.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small item service as systems under test are written: {@code POST /items} stores the JSON body under the next
 * id and answers {@code 201 {"id": ..., ...body}}; {@code GET /items/{id}} answers the item or 404. In memory it
 * loses everything on {@link #restart()} and counts ids from 1 again, reissuing the ids it acknowledged before to
 * new records, as the system of issue 10 did; durable, it appends each item to a journal before acknowledging it and
 * replays the journal on start.
 */
final class ItemStoreService implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path journal; // null: in memory
    private final int port;
    private final Map<String, JsonNode> items = new LinkedHashMap<>(); // guarded by this
    private long nextId = 1; // guarded by this
    private HttpServer server;

    private ItemStoreService(Path journal) throws IOException {
        this.journal = journal;
        this.server = start(0);
        this.port = server.getAddress().getPort();
    }

    static ItemStoreService inMemory() throws IOException {
        return new ItemStoreService(null);
    }

    static ItemStoreService durable(Path journal) throws IOException {
        return new ItemStoreService(journal);
    }

    String url() {
        return "http://127.0.0.1:" + port + "/items";
    }

    /** Stops the server and starts a new one on the same port, with only what the store kept. */
    void restart() throws IOException {
        server.stop(0);
        synchronized (this) {
            items.clear();
            nextId = 1;
        }
        server = start(port);
    }

    private HttpServer start(int onPort) throws IOException {
        if (journal != null && Files.exists(journal)) {
            for (String line : Files.readAllLines(journal)) {
                JsonNode item = JSON.readTree(line);
                synchronized (this) {
                    items.put(item.get("id").asText(), item);
                    nextId = Math.max(nextId, item.get("id").asLong() + 1);
                }
            }
        }
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
        http.createContext("/items", this::handle);
        http.start();
        return http;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            if ("POST".equals(exchange.getRequestMethod()) && path.equals("/items")) {
                ObjectNode item = (ObjectNode) JSON.readTree(exchange.getRequestBody());
                synchronized (this) {
                    item.put("id", nextId++);
                    if (journal != null) {
                        Files.writeString(journal, item + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                                StandardOpenOption.SYNC);
                    }
                    items.put(item.get("id").asText(), item);
                }
                send(exchange, 201, item.toString());
            } else if ("GET".equals(exchange.getRequestMethod()) && path.startsWith("/items/")) {
                JsonNode item;
                synchronized (this) {
                    item = items.get(path.substring("/items/".length()));
                }
                send(exchange, item == null ? 404 : 200, item == null ? "{\"error\":\"not found\"}" : item.toString());
            } else {
                send(exchange, 405, "{}");
            }
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
