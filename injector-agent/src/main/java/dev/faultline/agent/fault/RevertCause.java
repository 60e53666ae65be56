package dev.faultline.agent.fault;

/** Why a fault was reverted, as {@code FaultReverted.cause} spells it. */
public enum RevertCause {
    DURATION_ENDED("duration-ended"),
    REQUESTED("requested"),
    HALTED("halted"),
    LEASE_EXPIRED("lease-expired"),
    RECOVERED_FROM_LEDGER("recovered-from-ledger");

    private final String wireName;

    RevertCause(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
