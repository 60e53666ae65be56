package dev.faultline.observer.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.common.experiment.HttpReadBack;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.observer.integrity.ExpectedContent.Matching;
import dev.faultline.observer.load.AcknowledgedWrite;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads each acknowledged id back through the system's own API: one GET of {@code readBack.url} per id. The
 * expected status means found (and its JSON body is compared with what was written); 404 and 410 mean not found;
 * anything else, or no answer, ends the read-back with an error, because a store that does not answer has not lost
 * anything we could prove.
 */
final class ApiStore implements AcknowledgedStore {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final HttpReadBack spec;
    private final List<String> ignoreFields;

    ApiStore(HttpClient http, HttpReadBack spec, List<String> ignoreFields) {
        this.http = http;
        this.spec = spec;
        this.ignoreFields = ignoreFields;
    }

    @Override
    public StoreContents read(Set<String> ids, Map<String, List<AcknowledgedWrite>> writes, Instant deadline) {
        Set<String> present = new HashSet<>();
        Map<String, String> changed = new HashMap<>();
        for (String id : ids) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("read-back through " + spec.url() + " not done by " + deadline
                        + " (" + present.size() + " of " + ids.size() + " ids read)");
            }
            HttpResponse<String> answer = get(id);
            if (answer.statusCode() == 404 || answer.statusCode() == 410) {
                continue;
            }
            if (answer.statusCode() != spec.expectedStatus()) {
                throw new IllegalStateException("read-back of id " + id + " answered " + answer.statusCode()
                        + ", expected " + spec.expectedStatus() + " (found) or 404/410 (not found)");
            }
            present.add(id);
            List<AcknowledgedWrite> written = writes.getOrDefault(id, List.of());
            if (!written.isEmpty()) {
                ExpectedContent.difference(written, json(answer.body()), ignoreFields, Matching.ALL_FIELDS)
                        .ifPresent(difference -> changed.put(id, difference));
            }
        }
        return new StoreContents(present, changed);
    }

    private HttpResponse<String> get(String id) {
        URI uri = URI.create(spec.urlOf(URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json").GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("read-back of id " + id + " from " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("read-back interrupted", e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return ChaosJson.messages().readTree(body);
        } catch (IOException e) {
            return null; // not JSON: reported as a difference, the write's fields did not come back
        }
    }

    @Override
    public String method() {
        return "GET " + spec.url() + " for every acknowledged id (" + spec.expectedStatus() + " = found, 404/410 ="
                + " missing), its JSON answer compared field by field with what the write sent and was answered"
                + (ignoreFields.isEmpty() ? "" : " except " + ignoreFields);
    }
}
