package dev.faultline.common.verdict;

public enum SloStatus {
    PASS,
    FAIL,
    /** Nothing was measured that could decide it (no fault took effect, no probe ran); counts as a failure. */
    NO_DATA
}
