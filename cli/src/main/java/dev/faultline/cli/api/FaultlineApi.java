package dev.faultline.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.cli.CliFailure;
import dev.faultline.cli.ExitCode;
import dev.faultline.cli.config.Connection;
import dev.faultline.common.json.ChaosJson;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The orchestrator's and the reporter's REST APIs as the CLI uses them. Every failure becomes a {@link CliFailure}
 * that says what to do: a refusal carries the server's own message and field violations, an unreachable service
 * the way to start it.
 */
public class FaultlineApi {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Connection connection;
    private final HttpClient http;

    public FaultlineApi(Connection connection) {
        this.connection = connection;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    public Connection connection() {
        return connection;
    }

    /** POST /api/v1/runs (or its dry run): the new run's view, or the dry run's plan. */
    public JsonNode startRun(String document, boolean json, boolean dryRun) {
        HttpRequest request = orchestrator("/api/v1/runs" + (dryRun ? "?dryRun=true" : ""))
                .header("Content-Type", json ? "application/json" : "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(document)).build();
        return json(send(request, "the orchestrator"));
    }

    public JsonNode run(String runId) {
        return json(send(orchestrator("/api/v1/runs/" + encode(runId)).GET().build(), "the orchestrator"));
    }

    /**
     * GET /api/v1/runs with its filters: the runs, newest first as the server orders them. Both answers are read:
     * a bare array (servers before run history) and {@code {"runs": [...], "nextPageToken": ...}}.
     */
    public List<JsonNode> runs(String experiment, Integer limit) {
        Map<String, String> query = new LinkedHashMap<>();
        if (experiment != null) {
            query.put("experiment", experiment);
        }
        if (limit != null) {
            query.put("limit", String.valueOf(limit));
        }
        JsonNode answer = json(send(orchestrator("/api/v1/runs" + query(query)).GET().build(), "the orchestrator"));
        JsonNode runs = answer.isArray() ? answer : answer.path("runs");
        List<JsonNode> list = new ArrayList<>();
        runs.forEach(list::add);
        return list;
    }

    /** POST /api/v1/runs/{runId}/abort: the aborted run's view. */
    public JsonNode abort(String runId, String reason) {
        HttpRequest request = orchestrator("/api/v1/runs/" + encode(runId) + "/abort" + query(Map.of("reason", reason)))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return json(send(request, "the orchestrator"));
    }

    /** POST /api/v1/halt: what the halt did. */
    public JsonNode halt(String reason) {
        HttpRequest request = orchestrator("/api/v1/halt" + query(reason == null ? Map.of() : Map.of("reason", reason)))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return json(send(request, "the orchestrator"));
    }

    /** POST /api/v1/resume: lifts the halt latch; {@code {wasHalted, released, operator, resumedAt}}. */
    public JsonNode resume() {
        return json(send(orchestrator("/api/v1/resume").POST(HttpRequest.BodyPublishers.noBody()).build(),
                "the orchestrator"));
    }

    /** POST /api/v1/schedules with the JSON body of docs/schedules.md: the new schedule's view. */
    public JsonNode addSchedule(String body) {
        HttpRequest request = orchestrator("/api/v1/schedules").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return json(send(request, "the orchestrator"));
    }

    /** GET /api/v1/schedules: every schedule, oldest first. */
    public List<JsonNode> schedules() {
        List<JsonNode> list = new ArrayList<>();
        json(send(orchestrator("/api/v1/schedules").GET().build(), "the orchestrator")).forEach(list::add);
        return list;
    }

    /** GET /api/v1/schedules/{id}: the schedule with its stored experiment document. */
    public JsonNode schedule(String scheduleId) {
        return json(send(orchestrator(schedulePath(scheduleId)).GET().build(), "the orchestrator"));
    }

    /** GET /api/v1/schedules/{id}/occurrences?limit=: what became of its occurrences, newest first. */
    public List<JsonNode> occurrences(String scheduleId, int limit) {
        List<JsonNode> list = new ArrayList<>();
        json(send(orchestrator(schedulePath(scheduleId) + "/occurrences"
                + query(Map.of("limit", String.valueOf(limit)))).GET().build(), "the orchestrator")).forEach(list::add);
        return list;
    }

    /** POST /api/v1/schedules/{id}/pause or .../resume: the schedule's view after it. */
    public JsonNode pauseSchedule(String scheduleId, boolean pause) {
        HttpRequest request = orchestrator(schedulePath(scheduleId) + (pause ? "/pause" : "/resume"))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return json(send(request, "the orchestrator"));
    }

    /** DELETE /api/v1/schedules/{id} (204: no body). */
    public void removeSchedule(String scheduleId) {
        send(orchestrator(schedulePath(scheduleId)).DELETE().build(), "the orchestrator");
    }

    private static String schedulePath(String scheduleId) {
        return "/api/v1/schedules/" + encode(scheduleId);
    }

    public JsonNode agents() {
        return json(send(orchestrator("/api/v1/agents").GET().build(), "the orchestrator"));
    }

    /**
     * GET {reporter}/api/v1/reports/{runId}?format=...: the report, or empty while the reporter has not written it
     * (404).
     */
    public Optional<byte[]> report(String runId, String format) {
        HttpRequest request = authorized(connection.reporter(),
                "/api/v1/reports/" + encode(runId) + query(Map.of("format", format))).GET().build();
        HttpResponse<byte[]> response = exchange(request, "the reporter", connection.reporter());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        refuseUnlessOk(response, "the reporter");
        return Optional.of(response.body());
    }

    private HttpRequest.Builder orchestrator(String path) {
        return authorized(connection.orchestrator(), path);
    }

    private HttpRequest.Builder authorized(URI base, String path) {
        String token = connection.token().orElseThrow(() -> new CliFailure(ExitCode.INVALID,
                "no API token: none given with --token or " + "FAULTLINE_TOKEN, and no " + connection.tokenSource(),
                List.of("on this machine: ./faultline up (it writes .faultline/auth/admin.token)",
                        "elsewhere: export FAULTLINE_TOKEN=<a token of role viewer, operator or admin>")));
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json, */*");
    }

    private HttpResponse<byte[]> send(HttpRequest request, String service) {
        HttpResponse<byte[]> response = exchange(request, service, connection.orchestrator());
        refuseUnlessOk(response, service);
        return response;
    }

    private HttpResponse<byte[]> exchange(HttpRequest request, String service, URI base) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw unreachable(service, base, "nothing accepts connections there", e);
        } catch (HttpTimeoutException e) {
            throw unreachable(service, base, "it did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s", e);
        } catch (IOException e) {
            throw unreachable(service, base, "the connection failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCode.UNREACHABLE, "interrupted while waiting for " + service, e);
        }
    }

    private static CliFailure unreachable(String service, URI base, String why, Exception cause) {
        boolean reporter = service.contains("reporter");
        CliFailure failure = new CliFailure(ExitCode.UNREACHABLE, "Faultline is unreachable: " + service + " at "
                + base + " does not answer (" + why + ")",
                List.of("on this machine: ./faultline services start (./faultline services status says what runs)",
                        "elsewhere: point " + (reporter ? "--reporter-url or FAULTLINE_REPORTER_URL"
                                : "--url or FAULTLINE_URL") + " at your " + (reporter ? "reporter" : "orchestrator")));
        failure.initCause(cause);
        return failure;
    }

    private static void refuseUnlessOk(HttpResponse<byte[]> response, String service) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        ApiRefusal refusal = ApiRefusal.of(status, new String(response.body(), StandardCharsets.UTF_8));
        List<String> details = new ArrayList<>(refusal.violations());
        if (status == 401) {
            details.add("the token is not accepted: check --token / FAULTLINE_TOKEN, or on this machine "
                    + "./faultline up (it writes .faultline/auth/admin.token)");
        } else if (status == 403) {
            details.add("the token's role does not allow this; use a token of role operator or admin");
        } else if (status == 404 && service.equals("the orchestrator")) {
            boolean schedule = response.uri().getPath().contains("/api/v1/schedules");
            details.add(schedule ? "the schedules it knows: ./faultline schedule list"
                    : "the runs it knows: ./faultline runs");
        }
        throw new CliFailure(ExitCode.forHttpStatus(status), service + " refused (HTTP " + status + "): "
                + refusal.error(), details);
    }

    private static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return ChaosJson.messages().readTree(response.body());
        } catch (IOException e) {
            throw new CliFailure(ExitCode.INTERNAL, "the answer of " + response.uri() + " is not JSON: "
                    + e.getMessage(), e);
        }
    }

    private static String query(Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return "";
        }
        return parameters.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&", "?", ""));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
