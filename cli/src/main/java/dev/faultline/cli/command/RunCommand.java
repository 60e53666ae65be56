package dev.faultline.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.cli.CliEnvironment;
import dev.faultline.cli.CliFailure;
import dev.faultline.cli.ExitCode;
import dev.faultline.cli.FaultlineCli;
import dev.faultline.cli.api.FaultlineApi;
import dev.faultline.cli.progress.RunSnapshot;
import dev.faultline.cli.verdict.VerdictTable;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code run FILE}: validate locally, start the run, follow it live, print the verdict; the exit code says how. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Validate an experiment locally (the server's own parser: a malformed file is refused "
                + "without contacting the server), start it, follow its progress live, then print the verdict.",
                "A terminal gets one screen redrawn in place, a pipe one timestamped line per change.",
                "Ctrl-C asks whether to abort the run (without asking when standard input is not a terminal)."},
        footer = {"", "Exit codes: 0 PASS, 1 FAIL, 2 invalid experiment or refused by the server, 3 aborted or halted,",
                "4 Faultline unreachable (or a report asked for could not be fetched)."})
public class RunCommand implements Callable<Integer> {

    @ParentCommand
    FaultlineCli cli;

    @Parameters(paramLabel = "FILE", description = "the experiment (YAML, or JSON when it ends in .json)")
    Path file;

    @Option(names = "--dry-run", description = "validate and resolve the targets on the server; start nothing")
    boolean dryRun;

    @Option(names = "--junit", paramLabel = "FILE", description = "write the run's JUnit XML report here")
    Path junit;

    @Option(names = "--html", paramLabel = "FILE", description = "write the run's HTML report here")
    Path html;

    @Option(names = "--no-wait", description = "start the run, print its id and return (exit 0)")
    boolean noWait;

    @Option(names = "--report-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "how long to wait for the reporter's reports after the verdict (default: ${DEFAULT-VALUE})")
    int reportTimeoutSeconds;

    @Override
    public Integer call() {
        if ((html != null || junit != null) && (noWait || dryRun)) {
            throw new CliFailure(ExitCode.INVALID, "--html and --junit need the run followed to its verdict: "
                    + "not with " + (noWait ? "--no-wait" : "--dry-run"),
                    java.util.List.of("later: ./faultline report RUN --html -o FILE"));
        }
        ExperimentFile experiment = ExperimentFile.read(file);
        CliEnvironment environment = cli.environment();
        PrintWriter out = environment.out();
        FaultlineApi api = cli.api();
        if (dryRun) {
            JsonNode plan = api.startRun(experiment.document(), experiment.json(), true);
            out.println("Dry run of " + experiment.experiment().name() + ": valid, and its targets resolve now "
                    + "(nothing was sent).");
            Plans.render(plan).forEach(out::println);
            out.flush();
            return ExitCode.PASS;
        }
        JsonNode started = api.startRun(experiment.document(), experiment.json(), false);
        String runId = started.path("runId").asText();
        if (noWait) {
            environment.err().println("run " + runId + " of " + experiment.experiment().name()
                    + " started; follow it with ./faultline show " + runId);
            out.println(runId);
            out.flush();
            return ExitCode.PASS;
        }
        RunSnapshot end = new RunFollower(api, environment).follow(runId);
        out.println();
        int exit = outcome(end, out);
        return reports(api, runId, exit, environment);
    }

    /** Prints how the run ended and returns its exit code. */
    private static int outcome(RunSnapshot end, PrintWriter out) {
        if ("ABORTED".equals(end.state())) {
            out.println("Run " + end.runId() + " ABORTED: " + end.abortReason());
            out.flush();
            return ExitCode.ABORTED;
        }
        out.println("Run " + end.runId() + "  experiment " + end.experiment() + "  " + end.state());
        out.println();
        VerdictTable.render(VerdictTable.read(end.verdict())).forEach(out::println);
        out.flush();
        return "PASS".equals(end.verdictName()) ? ExitCode.PASS : ExitCode.FAIL;
    }

    /** Downloads the reports asked for; a report that cannot be had turns a PASS into 4, never hides a FAIL. */
    private int reports(FaultlineApi api, String runId, int exit, CliEnvironment environment) {
        PrintWriter out = environment.out();
        Map<String, Path> wanted = new LinkedHashMap<>();
        if (html != null) {
            wanted.put("html", html);
        }
        if (junit != null) {
            wanted.put("junit", junit);
        }
        int result = exit;
        out.println();
        for (Map.Entry<String, Path> report : wanted.entrySet()) {
            try {
                byte[] content = Reports.await(api, runId, report.getKey(), Duration.ofSeconds(reportTimeoutSeconds),
                        environment.clock());
                Reports.write(report.getValue(), content);
                out.println((report.getKey().equals("html") ? "HTML report:  " : "JUnit report: ")
                        + report.getValue());
            } catch (CliFailure failure) {
                environment.err().println("faultline: " + failure.getMessage());
                failure.details().forEach(d -> environment.err().println("  " + d));
                if (result == ExitCode.PASS) {
                    result = failure.exitCode();
                }
            }
        }
        out.println("Reports:      " + api.connection().reporter() + "/api/v1/reports/" + runId
                + "?format=html|md|json|junit  (./faultline report " + runId + " --html -o FILE)");
        Path onDisk = reportDirectory(environment, runId);
        if (onDisk != null) {
            out.println("On disk:      " + onDisk);
        }
        out.flush();
        return result;
    }

    /** The local reporter's folder of the run, when this machine's stack wrote one. */
    private static Path reportDirectory(CliEnvironment environment, String runId) {
        String home = environment.variables().get("FAULTLINE_HOME");
        Path root = home == null || home.isBlank() ? environment.workingDir() : Path.of(home);
        Path dir = root.resolve("reports").resolve(runId);
        return Files.isDirectory(dir) ? dir : null;
    }
}
