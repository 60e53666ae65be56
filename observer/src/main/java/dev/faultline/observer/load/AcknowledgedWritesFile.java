package dev.faultline.observer.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.common.json.ChaosJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The acknowledged writes with their bodies, one JSON line each ({@code {"id":..,"sent":..,"acknowledged":..}}),
 * that the Artillery plugin appends next to {@link LoadResultsFile} when the load has an order id field. Without
 * one it does not exist, and the read-back compares ids only.
 */
public final class AcknowledgedWritesFile {

    public static final String FILE_NAME = "writes.jsonl";

    private AcknowledgedWritesFile() {
    }

    public static Path of(Path resultsDir, String runId) {
        return resultsDir.resolve(runId).resolve(FILE_NAME);
    }

    /** Every complete line; empty when the file does not exist. A line still being written is skipped. */
    public static List<AcknowledgedWrite> read(Path file) {
        return RunResultLines.read(file, AcknowledgedWritesFile::parse, "acknowledged writes");
    }

    static Optional<AcknowledgedWrite> parse(String line) {
        if (line.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = ChaosJson.messages().readTree(line);
            JsonNode id = node == null ? null : node.get("id");
            if (id == null || !id.isValueNode() || id.asText().isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new AcknowledgedWrite(id.asText(), node.get("sent"), node.get("acknowledged")));
        } catch (IOException e) {
            return Optional.empty(); // incomplete: the plugin was still writing it
        }
    }
}
