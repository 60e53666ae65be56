package dev.faultline.agent.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.agent.testing.Commands;
import dev.faultline.common.command.InjectFault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultLedgerTest {

    @TempDir
    Path dir;

    @Test
    void recordsReadsBackAndForgets() {
        FaultLedger ledger = new FaultLedger(dir.resolve("agent-a"));
        InjectFault first = Commands.pause("agent-a", "run-1", "c1", "run-1-f0-0");
        InjectFault second = Commands.pause("agent-a", "run-1", "c2", "run-1-f0-1");

        ledger.record(first);
        ledger.record(second);

        assertThat(ledger.entries()).containsExactlyInAnyOrder(first, second);
        ledger.remove(first.faultId());
        assertThat(ledger.entries()).containsExactly(second);
        ledger.remove(first.faultId()); // twice is harmless
        assertThat(ledger.contains(second.faultId())).isTrue();
    }

    @Test
    void leavesNoTemporaryFilesAndOneFilePerFault() throws IOException {
        FaultLedger ledger = new FaultLedger(dir);
        ledger.record(Commands.pause("agent-a", "run-1", "c1", "f-1"));
        ledger.record(Commands.pause("agent-a", "run-1", "c1", "f-1")); // re-recorded: replaced, not doubled

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .hasSize(1).allMatch(n -> n.startsWith("f-1-") && n.endsWith(".json"));
        }
    }

    @Test
    void faultIdsCannotEscapeTheDirectoryOrCollide() {
        FaultLedger ledger = new FaultLedger(dir);
        InjectFault sneaky = Commands.pause("agent-a", "run-1", "c1", "../../etc/passwd");
        InjectFault similar = Commands.pause("agent-a", "run-1", "c1", "__/__/etc/passwd");

        ledger.record(sneaky);
        ledger.record(similar);

        assertThat(ledger.fileOf(sneaky.faultId()).getParent()).isEqualTo(dir.toAbsolutePath());
        assertThat(ledger.fileOf(sneaky.faultId())).isNotEqualTo(ledger.fileOf(similar.faultId()));
        assertThat(ledger.entries()).hasSize(2);
    }

    @Test
    void anEmptyOrMissingDirectoryHoldsNothing() {
        assertThat(new FaultLedger(dir.resolve("never-created")).entries()).isEmpty();
    }

    @Test
    void unreadableEntriesAreSkippedNotFatal() throws IOException {
        FaultLedger ledger = new FaultLedger(dir);
        ledger.record(Commands.pause("agent-a", "run-1", "c1", "f-ok"));
        Files.writeString(dir.resolve("garbage-0000.json"), "{ half a fil");

        assertThat(ledger.entries()).extracting(InjectFault::faultId).containsExactly("f-ok");
    }
}
