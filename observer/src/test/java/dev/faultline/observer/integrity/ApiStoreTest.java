package dev.faultline.observer.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.faultline.common.experiment.DataIntegrity;
import dev.faultline.common.experiment.HttpReadBack;
import dev.faultline.common.verdict.CheckResult;
import dev.faultline.common.verdict.IntegrityReport;
import dev.faultline.common.verdict.SloStatus;
import dev.faultline.observer.load.AcknowledgedWrite;
import dev.faultline.observer.load.AcknowledgedWritesFile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read-back through a system's own API, against a real HTTP service ({@link ItemStoreService}): writes acknowledged
 * before a restart of an in-memory store are lost and their ids reissued to new records; only comparing content
 * tells those ids apart from intact ones. The same service made durable passes. The writes are recorded in the
 * plugin's {@code writes.jsonl} format and read through {@link AcknowledgedWritesFile}, as the observer does.
 */
class ApiStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    @Test
    void anInMemoryStoreThatReissuesIdsAfterARestartIsCaughtWithTheLostAndChangedIdsListed() throws Exception {
        IntegrityReport report;
        try (ItemStoreService store = ItemStoreService.inMemory()) {
            report = writeRestartWriteAndReadBack(store);
        }

        // 1-3 were acknowledged twice (before the restart, and reissued after it): the store has only the second
        assertThat(report.acknowledged()).isEqualTo(5);
        assertThat(report.missingInTable()).containsExactly("4", "5");
        assertThat(report.changed()).containsExactly("1", "2", "3");
        assertThat(report.changes()).first().asString()
                .isEqualTo("1: field sku expected \"sku-1\", found \"sku-6\"");
        assertThat(report.missingInTopic()).isEmpty(); // no topic: Kafka is optional
        assertThat(report.rpoZero()).isFalse();
        CheckResult result = IntegrityCheck.result(report);
        assertThat(result.status()).isEqualTo(SloStatus.FAIL);
        assertThat(result.detail()).contains("missing in store: 2 [4, 5]").contains("changed").contains("[1, 2, 3]")
                .contains("RPO > 0");
        assertThat(result.method()).contains("GET http://127.0.0.1:").contains("field by field");
    }

    @Test
    void theSameStoreMadeDurablePasses() throws Exception {
        IntegrityReport report;
        try (ItemStoreService store = ItemStoreService.durable(dir.resolve("items.journal"))) {
            report = writeRestartWriteAndReadBack(store);
        }

        assertThat(report.acknowledged()).isEqualTo(8);
        assertThat(report.missingInTable()).isEmpty();
        assertThat(report.changed()).isEmpty();
        assertThat(report.rpoZero()).isTrue();
        assertThat(IntegrityCheck.result(report).status()).isEqualTo(SloStatus.PASS);
    }

    @Test
    void readingIdsOnlyWouldHaveMissedTheReissuedIds() throws Exception {
        try (ItemStoreService store = ItemStoreService.inMemory()) {
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                ids.add(post(store, i).get("id").asText());
            }
            store.restart();
            post(store, 4);

            // without recorded bodies (an older orchestrator) id 1 is "present": the content is what catches it
            IntegrityReport idsOnly = reader().check(spec(store), ids);
            assertThat(idsOnly.missingInTable()).containsExactly("2", "3");
            assertThat(idsOnly.changed()).isEmpty();
        }
    }

    @Test
    void aStoreThatDoesNotAnswerAsExpectedIsAnErrorNotALoss() throws Exception {
        HttpServer failing = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        failing.createContext("/", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        failing.start();
        try {
            String url = "http://127.0.0.1:" + failing.getAddress().getPort() + "/items/{id}";
            DataIntegrity spec = DataIntegrity.ofReadBack(new HttpReadBack(url, 200), null, null);
            assertThatThrownBy(() -> reader().check(spec, List.of("1")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("answered 503");
        } finally {
            failing.stop(0);
        }
    }

    /** Five writes, a restart, three more; every acknowledgement recorded as the plugin records it. */
    private IntegrityReport writeRestartWriteAndReadBack(ItemStoreService store) throws Exception {
        Path writesFile = dir.resolve(AcknowledgedWritesFile.FILE_NAME);
        Files.deleteIfExists(writesFile);
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            if (i == 6) {
                store.restart();
            }
            ObjectNode sent = item(i);
            JsonNode answer = post(store, i);
            ids.add(answer.get("id").asText());
            ObjectNode line = JSON.createObjectNode().put("id", answer.get("id").asText());
            line.set("sent", sent);
            line.set("acknowledged", answer);
            Files.writeString(writesFile, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        List<AcknowledgedWrite> writes = AcknowledgedWritesFile.read(writesFile);
        assertThat(writes).hasSize(8);
        return reader().check(spec(store), ids, writes);
    }

    private static DataIntegrity spec(ItemStoreService store) {
        return DataIntegrity.ofReadBack(new HttpReadBack(store.url() + "/{id}", 200), null, null);
    }

    private IntegrityReader reader() {
        return new IntegrityReader(() -> {
            throw new AssertionError("an API read-back must not need DynamoDB");
        }, http, "127.0.0.1:1", name -> null, Duration.ofSeconds(20));
    }

    private static ObjectNode item(int n) {
        return JSON.createObjectNode().put("sku", "sku-" + n).put("qty", n);
    }

    private JsonNode post(ItemStoreService store, int n) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(store.url()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(item(n).toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(201);
        return JSON.readTree(answer.body());
    }
}
