package dev.faultline.orchestrator.api;

public class RunNotFoundException extends RuntimeException {
    public RunNotFoundException(String runId) {
        super("no run with id '" + runId + "' on this orchestrator");
    }
}
