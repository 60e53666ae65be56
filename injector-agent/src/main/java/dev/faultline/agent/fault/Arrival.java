package dev.faultline.agent.fault;

import java.time.Duration;
import java.time.Instant;

/**
 * How an InjectFault reached this agent: the dispatch hops before the injector, for the FaultInjected event and the
 * per-hop log line of each injection (bench/dispatch.sh reads it).
 *
 * @param producedAt   the Kafka record's timestamp (the orchestrator's producer, its clock); null when unknown
 * @param receivedAt   when the consumer's worker thread took the record, on this agent's clock
 * @param verification how long the signature, expiry and replay checks took
 */
public record Arrival(Instant producedAt, Instant receivedAt, Duration verification) {

    public Arrival {
        if (receivedAt == null) {
            throw new IllegalArgumentException("receivedAt is required");
        }
        verification = verification == null ? Duration.ZERO : verification;
    }

    /** A command handed to the injector directly (tests, the ledger's recovery): arrived now, nothing measured. */
    public static Arrival at(Instant receivedAt) {
        return new Arrival(null, receivedAt, Duration.ZERO);
    }
}
