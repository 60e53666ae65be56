package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.faultline.common.validation.Checks;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Signal the processes inside a container whose name matches a pattern: a worker crashing inside a container
 * whose main process lives on (or, for the main process, a crash the restart policy sees). Acts once.
 *
 * @param pattern     a regular expression that must match the whole process name ({@code comm}, at most 15
 *                    characters, e.g. {@code httpd}) or, with {@code commandLine}, be found in the command line
 * @param signal      as for {@link ContainerKill}; default {@code SIGKILL}
 * @param commandLine match the pattern anywhere in the full command line instead of the name; default false
 */
@OneShot
@JsonTypeName("process-kill")
public record ProcessKill(String pattern, String signal, Boolean commandLine) implements FaultSpec {

    public static final int MAX_PATTERN_LENGTH = 200;

    public ProcessKill {
        signal = new ContainerKill(signal, null).signal();
        commandLine = commandLine != null && commandLine;
        Checks checks = Checks.start().notBlank(pattern, "pattern");
        if (pattern != null && !pattern.isBlank()) {
            checks.require(pattern.length() <= MAX_PATTERN_LENGTH, "pattern",
                    "must be at most " + MAX_PATTERN_LENGTH + " characters");
            checks.require(compiles(pattern), "pattern", "is not a valid regular expression: " + pattern);
        }
        checks.throwIfAny();
    }

    @Override
    public boolean lasting() {
        return false;
    }

    public String shortSignal() {
        return signal.substring(3);
    }

    /** Whether a process with this name ({@code comm}) and command line is one to signal. */
    public boolean matches(String name, String fullCommandLine) {
        Pattern p = Pattern.compile(pattern);
        return commandLine ? p.matcher(fullCommandLine).find() : p.matcher(name).matches();
    }

    private static boolean compiles(String regex) {
        try {
            Pattern.compile(regex);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
