package dev.faultline.common.verdict;

import java.time.Instant;

/** One second of load: responses whose request started in {@code [second, second + 1 s)}. */
public record LoadSecond(Instant second, long requests, long errors, Long p50Millis, Long p99Millis) {
}
