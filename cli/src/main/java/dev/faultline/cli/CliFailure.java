package dev.faultline.cli;

import java.util.List;

/**
 * Why a command could not do what it was asked, in words an operator can act on, and the exit code that says so.
 * The top-level handler prints {@code message} and {@code details}, never a stack trace (unless {@code --verbose}).
 */
public class CliFailure extends RuntimeException {

    private final int exitCode;
    private final List<String> details;

    public CliFailure(int exitCode, String message, List<String> details) {
        super(message);
        this.exitCode = exitCode;
        this.details = details == null ? List.of() : List.copyOf(details);
    }

    public CliFailure(int exitCode, String message) {
        this(exitCode, message, List.of());
    }

    public CliFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.details = List.of();
    }

    public int exitCode() {
        return exitCode;
    }

    /** One line each, e.g. one per invalid field. */
    public List<String> details() {
        return details;
    }
}
