package dev.faultline.agent.process;

import java.util.List;

/** A host command exited non-zero, timed out, or could not start. The message says which and carries stderr. */
public class ProcessFailedException extends RuntimeException {

    private final List<String> command;

    public ProcessFailedException(List<String> command, String message) {
        super(message);
        this.command = List.copyOf(command);
    }

    public ProcessFailedException(List<String> command, String message, Throwable cause) {
        super(message, cause);
        this.command = List.copyOf(command);
    }

    public List<String> command() {
        return command;
    }
}
