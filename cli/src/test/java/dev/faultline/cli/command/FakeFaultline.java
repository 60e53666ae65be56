package dev.faultline.cli.command;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the orchestrator and the reporter on a loopback port (the JDK's HTTP server), answering with
 * fixtures, so that the CLI's commands are tested end to end without the services: what they send, what they print,
 * how they exit. The real services are exercised by the system tests (CliRunIT).
 */
final class FakeFaultline implements AutoCloseable {

    record Request(String method, String path, String query, String contentType, String authorization, String body) {
    }

    private final HttpServer server;
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    /** The answer to POST /api/v1/runs: status and body. */
    volatile int startStatus = 201;
    volatile String startBody = "{\"runId\":\"run-20261201-132202-a1b2c3\",\"state\":\"RUNNING\"}";
    /** The answers to GET /api/v1/runs/{id}, one per poll; the last one repeats. */
    final ConcurrentLinkedDeque<String> polls = new ConcurrentLinkedDeque<>();
    volatile String abortedView;
    volatile String runsBody = "[]";
    volatile String agentsBody = "[]";
    /** The answer to POST /api/v1/schedules: status and body. */
    volatile int addScheduleStatus = 201;
    volatile String scheduleBody = "{}";
    volatile String schedulesBody = "[]";
    volatile String occurrencesBody = "[]";
    volatile String haltBody = "{}";
    volatile String resumeBody = "{}";
    /** How many report requests answer 404 before the report is there. */
    final AtomicInteger reportMisses = new AtomicInteger();

    FakeFaultline() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(method, path, query, exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        if (method.equals("POST") && path.equals("/api/v1/runs")) {
            answer(exchange, startStatus, startBody);
        } else if (path.startsWith("/api/v1/schedules")) {
            schedules(exchange, method, path);
        } else if (method.equals("POST") && path.equals("/api/v1/halt")) {
            answer(exchange, 200, haltBody);
        } else if (method.equals("POST") && path.equals("/api/v1/resume")) {
            answer(exchange, 200, resumeBody);
        } else if (method.equals("POST") && path.endsWith("/abort")) {
            polls.clear();
            polls.add(abortedView);
            answer(exchange, 200, abortedView);
        } else if (method.equals("GET") && path.equals("/api/v1/runs/no-such-run")) {
            answer(exchange, 404, "{\"error\":\"no run with id 'no-such-run' on this orchestrator\"}");
        } else if (method.equals("GET") && path.startsWith("/api/v1/runs/")) {
            String view = polls.size() > 1 ? polls.pollFirst() : polls.peekFirst();
            answer(exchange, 200, view);
        } else if (method.equals("GET") && path.equals("/api/v1/runs")) {
            answer(exchange, 200, runsBody);
        } else if (method.equals("GET") && path.equals("/api/v1/agents")) {
            answer(exchange, 200, agentsBody);
        } else if (method.equals("GET") && path.startsWith("/api/v1/reports/")) {
            if (reportMisses.getAndDecrement() > 0) {
                answer(exchange, 404, "{\"error\":\"no report yet\"}");
            } else {
                answer(exchange, 200, "<html>report of " + path.substring(path.lastIndexOf('/') + 1) + " " + query
                        + "</html>");
            }
        } else {
            answer(exchange, 404, "{\"error\":\"no such path\"}");
        }
    }

    /** The schedules API; the id {@code no-such-schedule} is unknown, as the orchestrator answers it. */
    private void schedules(HttpExchange exchange, String method, String path) throws IOException {
        if (path.startsWith("/api/v1/schedules/no-such-schedule")) {
            answer(exchange, 404, "{\"error\":\"no schedule with id 'no-such-schedule'\"}");
        } else if (method.equals("POST") && path.equals("/api/v1/schedules")) {
            answer(exchange, addScheduleStatus, scheduleBody);
        } else if (method.equals("GET") && path.equals("/api/v1/schedules")) {
            answer(exchange, 200, schedulesBody);
        } else if (method.equals("GET") && path.endsWith("/occurrences")) {
            answer(exchange, 200, occurrencesBody);
        } else if (method.equals("DELETE")) {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        } else {
            answer(exchange, 200, scheduleBody);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
