package dev.faultline.reporter.api;

import dev.faultline.reporter.report.ReportWriter;
import dev.faultline.reporter.index.RunsIndex;
import dev.faultline.reporter.index.RunsIndexPage;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The reports the reporter wrote, over HTTP (bearer token, any role: {@link BearerAuthFilter}):
 * {@code GET /api/v1/reports/{runId}?format=html|md|json|junit} answers the file of that run as written, 404 while
 * it is not written yet; {@code GET /api/v1/reports} answers the index of runs, built from the stored runs at the
 * time of the request, with links to these URLs.
 */
@Path("/api/v1/reports")
public class ReportResource {

    /** A report format: its query value, its file beside the others, its content type. */
    enum Format {
        HTML("html", ReportWriter.HTML, "text/html; charset=utf-8"),
        MD("md", ReportWriter.MARKDOWN, "text/markdown; charset=utf-8"),
        JSON("json", ReportWriter.JSON, "application/json; charset=utf-8"),
        JUNIT("junit", ReportWriter.JUNIT, "application/xml; charset=utf-8");

        final String query;
        final String file;
        final String contentType;

        Format(String query, String file, String contentType) {
            this.query = query;
            this.file = file;
            this.contentType = contentType;
        }

        static Format of(String query) {
            String wanted = query == null || query.isBlank() ? "html" : query.trim().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(f -> f.query.equals(wanted)).findFirst().orElse(null);
        }

        static String names() {
            return Arrays.stream(values()).map(f -> f.query).collect(Collectors.joining(", "));
        }
    }

    private final ReportWriter writer;
    private final RunsIndex index;

    public ReportResource(ReportWriter writer, RunsIndex index) {
        this.writer = writer;
        this.index = index;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response index() {
        return Response.ok(index.render(RunsIndexPage.Links.API), "text/html; charset=utf-8").build();
    }

    @GET
    @Path("/{runId}")
    public Response report(@PathParam("runId") String runId, @QueryParam("format") String format) {
        Format wanted = Format.of(format);
        if (wanted == null) {
            return error(400, "unknown format '" + format + "': use one of " + Format.names());
        }
        java.nio.file.Path file = writer.file(runId, wanted.file);
        try {
            return Response.ok(Files.readAllBytes(file), wanted.contentType).build();
        } catch (NoSuchFileException e) {
            return error(404, "no " + wanted.query + " report of run " + runId
                    + " yet: it is written when the run's verdict arrives (or the run does not exist)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(message)).build();
    }
}
