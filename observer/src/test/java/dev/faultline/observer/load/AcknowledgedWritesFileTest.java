package dev.faultline.observer.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcknowledgedWritesFileTest {

    @TempDir
    Path dir;

    @Test
    void readsThePluginsLinesAndSkipsOneStillBeingWritten() throws Exception {
        Path file = AcknowledgedWritesFile.of(dir, "run-1");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"id\":\"7\",\"sent\":{\"sku\":\"a\"},\"acknowledged\":{\"id\":7,\"sku\":\"a\"}}\n"
                + "{\"id\":\"8\",\"sent\":null,\"acknowledged\":{\"id\":8}}\n"
                + "{\"id\":\"9\",\"sent\":{\"sk");
        List<AcknowledgedWrite> writes = AcknowledgedWritesFile.read(file);
        assertThat(writes).extracting(AcknowledgedWrite::id).containsExactly("7", "8");
        assertThat(writes.get(0).sent().get("sku").asText()).isEqualTo("a");
        assertThat(writes.get(1).sent()).isNull();
    }

    @Test
    void noFileIsNoWrites() {
        assertThat(AcknowledgedWritesFile.read(dir.resolve("absent/writes.jsonl"))).isEmpty();
    }
}
