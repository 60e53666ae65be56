package dev.faultline.orchestrator.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A run's HTML report through the orchestrator, for the live page: the reporter wants a bearer token, which a
 * browser's link cannot carry, and the reporter answers no cross-origin calls. The page fetches this with its token
 * and shows the report in a sandboxed frame. The caller's own Authorization header is passed on (both services read
 * the same tokens file), so this answers exactly what the reporter would answer that caller.
 */
@Path("/api/v1/runs/{runId}/report")
@Tag(name = "runs", description = "Start experiments, follow runs, read the run history")
public class ReportProxyResource {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The report's own policy (docs/security.md): no script, nothing fetched. */
    static final String REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @ConfigProperty(name = "faultline.ui.reporter-url")
    String reporterUrl;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The run's HTML report, fetched from the reporter (faultline.ui.reporter-url) for the caller",
            description = "Needs the viewer role; the caller's token is passed on to the reporter.")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "The reporter has no report of this run (yet)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "502", description = "The reporter could not be reached",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response report(@PathParam("runId") String runId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) throws InterruptedException {
        URI uri = URI.create(reporterUrl.replaceAll("/+$", "") + "/api/v1/reports/"
                + URLEncoder.encode(runId, StandardCharsets.UTF_8).replace("+", "%20") + "?format=html");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header(HttpHeaders.AUTHORIZATION, authorization).GET().build();
        HttpResponse<String> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Response.status(502).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiError.of("the reporter at " + reporterUrl + " could not be reached ("
                            + e.getClass().getSimpleName() + "); faultline.ui.reporter-url names it"))
                    .build();
        }
        if (answer.statusCode() != 200) {
            String type = answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElse(MediaType.APPLICATION_JSON);
            return Response.status(answer.statusCode()).type(type).entity(answer.body()).build();
        }
        return Response.ok(answer.body(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", REPORT_POLICY).build();
    }
}
