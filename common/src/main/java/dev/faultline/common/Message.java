package dev.faultline.common;

import java.time.Instant;

/**
 * What every message on a Faultline topic carries, whatever its kind.
 *
 * <p>{@code messageId} is unique per message so that consumers can drop duplicates (Kafka delivers at least
 * once); {@code timestamp} comes from the producing host's clock; {@code runId} is absent only for messages that
 * belong to no run (agent heartbeats, halt-all).
 */
public interface Message {

    /** Bumped only for changes that old consumers cannot read; additions of fields keep the version. */
    int SCHEMA_VERSION = 1;

    int schemaVersion();

    String messageId();

    String runId();

    Instant timestamp();
}
