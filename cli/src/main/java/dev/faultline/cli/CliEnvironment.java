package dev.faultline.cli;

import dev.faultline.cli.terminal.Interrupts;
import dev.faultline.cli.terminal.Terminal;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What the CLI runs in: its environment variables, working directory, streams, terminal, Ctrl-C and clock. The
 * process gets {@link #system()}; tests and in-process callers pass their own, so that no command reads
 * {@code System.getenv} or {@code System.out} directly.
 *
 * @param stdin where answers to questions (abort the run?) are read
 */
public record CliEnvironment(Map<String, String> variables, Path workingDir, PrintWriter out, PrintWriter err,
        BufferedReader stdin, Terminal terminal, Interrupts interrupts, Clock clock) {

    public static CliEnvironment system() {
        Map<String, String> variables = System.getenv();
        return new CliEnvironment(variables, Path.of("").toAbsolutePath(),
                new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                Terminal.detect(variables), Interrupts.sigint(), Clock.systemDefaultZone());
    }

    /** Not a terminal, no Ctrl-C, no input: for tests and in-process callers. */
    public static CliEnvironment captured(Map<String, String> variables, Path workingDir, PrintWriter out,
            PrintWriter err, Clock clock) {
        return new CliEnvironment(variables, workingDir, out, err, new BufferedReader(new java.io.StringReader("")),
                Terminal.NONE, Interrupts.none(), clock);
    }

    /** The terminal's width for the redrawn screen: {@code COLUMNS} when exported, else a common width. */
    public int columns() {
        try {
            return Math.max(40, Integer.parseInt(variables.getOrDefault("COLUMNS", "")));
        } catch (NumberFormatException e) {
            return 120;
        }
    }
}
