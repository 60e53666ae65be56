package dev.faultline.ecs.metadata;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The task metadata endpoint version 4 that the ECS agent offers every container of a task
 * ({@code ECS_CONTAINER_METADATA_URI_V4}): the calling container ({@code GET <uri>}) and its task
 * ({@code GET <uri>/task}). Not rate limited like the fault-injection endpoints; a sidecar reads it every heartbeat.
 */
public final class TaskMetadataEndpoint {

    public static final String METADATA_URI_ENV = "ECS_CONTAINER_METADATA_URI_V4";
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI containerUri;
    private final HttpClient http;

    public TaskMetadataEndpoint(URI containerUri) {
        this.containerUri = Objects.requireNonNull(containerUri, "containerUri");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    public static Optional<TaskMetadataEndpoint> fromEnvironment(Map<String, String> environment) {
        return Optional.ofNullable(environment.get(METADATA_URI_ENV)).filter(u -> !u.isBlank())
                .map(u -> new TaskMetadataEndpoint(URI.create(u)));
    }

    /** The container this process runs in. */
    public TaskMetadata.Container self() {
        return get(containerUri.toString(), TaskMetadata.Container.class);
    }

    public TaskMetadata task() {
        return get(containerUri.toString().replaceAll("/+$", "") + "/task", TaskMetadata.class);
    }

    private <T> T get(String uri, Class<T> type) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the task metadata endpoint " + uri + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return JSON.readValue(response.body(), type);
        } catch (IOException e) {
            throw new IllegalStateException("the task metadata endpoint " + uri + " did not answer: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + uri, e);
        }
    }
}
