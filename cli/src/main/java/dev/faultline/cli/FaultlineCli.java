package dev.faultline.cli;

import dev.faultline.cli.api.FaultlineApi;
import dev.faultline.cli.command.AgentsCommand;
import dev.faultline.cli.command.FaultsCommand;
import dev.faultline.cli.command.HaltCommand;
import dev.faultline.cli.command.ReportCommand;
import dev.faultline.cli.command.ResumeCommand;
import dev.faultline.cli.command.RunCommand;
import dev.faultline.cli.command.RunsCommand;
import dev.faultline.cli.command.ScheduleCommand;
import dev.faultline.cli.command.ShowCommand;
import dev.faultline.cli.command.ValidateCommand;
import dev.faultline.cli.config.Connection;
import dev.faultline.cli.config.ConnectionResolver;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code faultline}: the operator's command line for everything that talks to Faultline's API. {@code ./faultline}
 * runs it for run, validate, runs, show, report, halt, resume, schedule, agents and faults; the stack's set-up stays
 * in bash.
 * Exit codes: {@link ExitCode}.
 */
@Command(name = "faultline", mixinStandardHelpOptions = true, versionProvider = FaultlineCli.Version.class,
        description = "Run chaos experiments and read their results through Faultline's API.",
        subcommands = {RunCommand.class, ValidateCommand.class, RunsCommand.class, ShowCommand.class,
                ReportCommand.class, HaltCommand.class, ResumeCommand.class, ScheduleCommand.class,
                AgentsCommand.class, FaultsCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Connection: --url or FAULTLINE_URL (default " + ConnectionResolver.DEFAULT_ORCHESTRATOR + "),",
                "  --reporter-url or FAULTLINE_REPORTER_URL (default " + ConnectionResolver.DEFAULT_REPORTER + "),",
                "  --token or FAULTLINE_TOKEN, else $FAULTLINE_HOME/.faultline/auth/admin.token",
                "  (./faultline up writes it).",
                "Exit codes: 0 pass (or done), 1 fail, 2 invalid experiment or refused,",
                "  3 aborted or halted, 4 Faultline unreachable, 5 internal error.",
                "Each command has its own --help."})
public class FaultlineCli {

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "the orchestrator (default: FAULTLINE_URL, else " + ConnectionResolver.DEFAULT_ORCHESTRATOR
                    + ")")
    String url;

    @Option(names = "--reporter-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "the reporter (default: FAULTLINE_REPORTER_URL, else " + ConnectionResolver.DEFAULT_REPORTER
                    + ")")
    String reporterUrl;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            description = "the API bearer token (default: FAULTLINE_TOKEN, else the local stack's admin token)")
    String token;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "print the stack trace of an unexpected error")
    boolean verbose;

    private final CliEnvironment environment;
    private FaultlineApi api;

    public FaultlineCli(CliEnvironment environment) {
        this.environment = environment;
    }

    public CliEnvironment environment() {
        return environment;
    }

    /** The API client, with the connection of the flags, the environment or the local stack. */
    public FaultlineApi api() {
        if (api == null) {
            Connection connection;
            try {
                connection = ConnectionResolver.resolve(url, reporterUrl, token, environment.variables(),
                        environment.workingDir());
            } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                throw new CliFailure(ExitCode.INVALID, e.getMessage());
            }
            api = new FaultlineApi(connection);
        }
        return api;
    }

    public static void main(String[] args) {
        System.exit(execute(CliEnvironment.system(), args));
    }

    /** Runs one command line in {@code environment}: the exit code, never an exception. */
    public static int execute(CliEnvironment environment, String... args) {
        FaultlineCli cli = new FaultlineCli(environment);
        CommandLine commandLine = new CommandLine(cli);
        commandLine.setOut(environment.out());
        commandLine.setErr(environment.err());
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> report(cli, e));
        return commandLine.execute(args);
    }

    private static int report(FaultlineCli cli, Exception e) {
        java.io.PrintWriter err = cli.environment.err();
        if (e instanceof CliFailure failure) {
            err.println("faultline: " + failure.getMessage());
            failure.details().forEach(d -> err.println("  " + d));
            if (cli.verbose && failure.getCause() != null) {
                failure.getCause().printStackTrace(err);
            }
            err.flush();
            return failure.exitCode();
        }
        err.println("faultline: unexpected error: " + e + (cli.verbose ? "" : " (--verbose prints its stack trace)"));
        if (cli.verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCode.INTERNAL;
    }

    /** The version from the jar's manifest (the build's), or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = FaultlineCli.class.getPackage().getImplementationVersion();
            return new String[] {"faultline CLI " + (version == null ? "(development build)" : version)};
        }
    }
}
