package dev.faultline.common.verdict;

public enum Verdict {
    PASS,
    FAIL
}
