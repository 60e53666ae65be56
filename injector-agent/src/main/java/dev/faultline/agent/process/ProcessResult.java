package dev.faultline.agent.process;

import java.util.List;

/** What a finished host command left behind. */
public record ProcessResult(List<String> command, int exitCode, String stdout, String stderr) {

    public ProcessResult {
        command = List.copyOf(command);
    }
}
