package dev.faultline.reporter.api;

/** The body of every error answer of the reporter's API, the same shape as the orchestrator's: what went wrong. */
public record ApiError(String error) {
}
