package dev.faultline.cli.command;

import dev.faultline.cli.CliEnvironment;
import dev.faultline.cli.FaultlineCli;
import dev.faultline.cli.terminal.Interrupts;
import dev.faultline.cli.terminal.Terminal;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** One in-process command line of the CLI, through its picocli entry point: exit code, output, errors. */
record Invocation(int exitCode, String out, String err) {

    /** Time runs as usual, but from the fixtures' run (RunViews), so that their instants are recent. */
    static final Clock FIXTURE_TIME = Clock.offset(Clock.systemUTC(),
            java.time.Duration.between(java.time.Instant.now(), dev.faultline.cli.progress.RunViews.AFTER_INJECTION));

    static Invocation of(Map<String, String> variables, Path workingDir, Interrupts interrupts, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(variables, workingDir, new PrintWriter(out, true),
                new PrintWriter(err, true), new BufferedReader(new StringReader("")), Terminal.NONE, interrupts,
                FIXTURE_TIME);
        int code = FaultlineCli.execute(environment, args);
        return new Invocation(code, out.toString(), err.toString());
    }

    static Invocation of(Map<String, String> variables, Path workingDir, String... args) {
        return of(variables, workingDir, Interrupts.none(), args);
    }
}
