package dev.faultline.cli.command;

import dev.faultline.cli.CliFailure;
import dev.faultline.cli.ExitCode;
import dev.faultline.cli.FaultlineCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code report RUN [--html|--md|--json|--junit] [-o FILE]}: a run's report from the reporter. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Fetch a run's report from the reporter: Markdown (default), HTML, JSON or JUnit XML, to "
                + "standard output or a file.")
public class ReportCommand implements Callable<Integer> {

    @ParentCommand
    FaultlineCli cli;

    @Parameters(paramLabel = "RUN", description = "the run id")
    String runId;

    @ArgGroup(exclusive = true)
    Format format = new Format();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the report here")
    Path output;

    /** Exactly one format; Markdown when none is named. */
    static class Format {
        @Option(names = "--md", description = "Markdown (the default)")
        boolean md;
        @Option(names = "--html", description = "one self-contained HTML file with the timeline chart")
        boolean html;
        @Option(names = "--json", description = "the report's JSON")
        boolean json;
        @Option(names = "--junit", description = "JUnit XML: one test case per objective and check")
        boolean junit;

        String wireName() {
            return html ? "html" : json ? "json" : junit ? "junit" : "md";
        }
    }

    @Override
    public Integer call() {
        String wire = format.wireName();
        byte[] report = cli.api().report(runId, wire).orElseThrow(() -> new CliFailure(ExitCode.INVALID,
                "the reporter has no " + wire + " report of run " + runId,
                List.of("a run's reports are written once it is judged or aborted: ./faultline show " + runId,
                        "the runs it knows: ./faultline runs")));
        if (output != null) {
            Reports.write(output, report);
            cli.environment().err().println("wrote " + output);
            cli.environment().err().flush();
        } else {
            cli.environment().out().print(new String(report, StandardCharsets.UTF_8));
            cli.environment().out().flush();
        }
        return ExitCode.PASS;
    }
}
