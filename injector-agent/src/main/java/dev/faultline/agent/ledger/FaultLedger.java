package dev.faultline.agent.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.faultline.agent.config.AgentConfig;
import dev.faultline.common.command.InjectFault;
import dev.faultline.common.io.AtomicFiles;
import dev.faultline.common.json.ChaosJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The on-disk record of the lasting faults this agent has in effect, so that a crashed agent (kill -9, power loss
 * of the agent's process) reverts them when it starts again. One small JSON file per fault: written to a temporary
 * file, fsync'ed, atomically renamed, and the directory fsync'ed, so a file is either absent or complete. A fault is
 * recorded before it is applied and forgotten only after its revert succeeded.
 */
@ApplicationScoped
public class FaultLedger {

    private static final Logger LOG = Logger.getLogger(FaultLedger.class);
    private static final String SUFFIX = ".json";
    /**
     * A reverted fault leaves a tombstone for this long: commands are valid for minutes at most, so a command
     * redelivered after a crash (its offset not yet committed) is recognised and not applied a second time.
     */
    static final Duration TOMBSTONE_LIFETIME = Duration.ofMinutes(15);
    private static final String TOMBSTONE_SUFFIX = ".done";

    private final Path dir;

    @Inject
    public FaultLedger(AgentConfig config) {
        this(config.ledgerDir().map(Path::of)
                .orElse(Path.of(".faultline", "agent-ledger", config.id())));
    }

    public FaultLedger(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    public Path dir() {
        return dir;
    }

    /** Records {@code command} durably; throws when it cannot, and then the fault must not be applied. */
    public void record(InjectFault command) {
        try {
            AtomicFiles.write(fileOf(command.faultId()), ChaosJson.write(command));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fault ledger in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Forgets a fault after its revert, leaving a tombstone (see {@link #wasReverted}); forgetting one that is not
     * recorded is harmless.
     */
    public void remove(String faultId) {
        try {
            Files.createDirectories(dir);
            Path tombstone = tombstoneOf(faultId);
            Files.deleteIfExists(tombstone);
            Files.createFile(tombstone);
            Files.deleteIfExists(fileOf(faultId));
            AtomicFiles.syncDirectory(dir);
            pruneTombstones();
        } catch (NoSuchFileException gone) {
            // the directory itself is gone: nothing recorded
        } catch (IOException e) {
            // The fault is reverted; a stale entry only costs a harmless second revert at the next start.
            LOG.warnf("cannot remove ledger entry of fault %s in %s: %s", faultId, dir, e.getMessage());
        }
    }

    /** Every fault recorded; entries that cannot be read are reported in the log and skipped. */
    public List<InjectFault> entries() {
        List<InjectFault> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                if (file.getFileName().toString().startsWith(".")) {
                    continue;
                }
                try {
                    entries.add(ChaosJson.read(Files.readString(file), InjectFault.class));
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    LOG.errorf("unreadable ledger entry %s (left in place for a person to look at): %s", file,
                            e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fault ledger in " + dir + ": " + e.getMessage(), e);
        }
        return entries;
    }

    public boolean contains(String faultId) {
        return Files.exists(fileOf(faultId));
    }

    /** Whether this fault was applied and reverted already (by this agent, possibly before a restart). */
    public boolean wasReverted(String faultId) {
        return Files.exists(tombstoneOf(faultId));
    }

    private Path tombstoneOf(String faultId) {
        String entry = fileOf(faultId).getFileName().toString();
        return dir.resolve(entry.substring(0, entry.length() - SUFFIX.length()) + TOMBSTONE_SUFFIX);
    }

    /** Deletes tombstones older than {@link #TOMBSTONE_LIFETIME}; best effort. */
    private void pruneTombstones() {
        Instant oldest = Instant.now().minus(TOMBSTONE_LIFETIME);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + TOMBSTONE_SUFFIX)) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(oldest)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            LOG.debugf("cannot prune tombstones in %s: %s", dir, e.getMessage());
        }
    }

    /** A readable, collision-free file name for any fault id (ids come from the network: no path tricks). */
    Path fileOf(String faultId) {
        String readable = faultId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (readable.length() > 80) {
            readable = readable.substring(0, 80);
        }
        if (readable.startsWith(".")) {
            readable = "_" + readable.substring(1);
        }
        return dir.resolve(readable + "-" + shortHash(faultId) + SUFFIX);
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
