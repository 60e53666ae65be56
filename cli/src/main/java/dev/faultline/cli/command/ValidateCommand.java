package dev.faultline.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.cli.ExitCode;
import dev.faultline.cli.FaultlineCli;
import dev.faultline.common.experiment.Experiment;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code validate FILE [--server]}: the local parse, and with {@code --server} the server's dry run too. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check an experiment file with the server's own parser, locally (no server needed).",
                "--server also asks the orchestrator for a dry run: its targets resolved now, nothing sent.",
                "Exit codes: 0 valid, 2 invalid or refused, 4 Faultline unreachable (--server)."})
public class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    FaultlineCli cli;

    @Parameters(paramLabel = "FILE", description = "the experiment (YAML, or JSON when it ends in .json)")
    Path file;

    @Option(names = "--server", description = "also run the orchestrator's dry run (targets, agents, blast radius)")
    boolean server;

    @Override
    public Integer call() {
        ExperimentFile experimentFile = ExperimentFile.read(file);
        Experiment experiment = experimentFile.experiment();
        PrintWriter out = cli.environment().out();
        out.println(file + ": valid experiment " + experiment.name() + " (" + experiment.faults().size()
                + " fault step(s), " + (experiment.steadyState() == null || experiment.steadyState().probes() == null ? 0
                : experiment.steadyState().probes().size()) + " probe(s), observed "
                + dev.faultline.common.validation.DurationText.format(experiment.duration()) + ")");
        if (server) {
            JsonNode plan = cli.api().startRun(experimentFile.document(), experimentFile.json(), true);
            out.println("The orchestrator's dry run: the targets resolve now (nothing was sent).");
            Plans.render(plan).forEach(out::println);
        }
        out.flush();
        return ExitCode.PASS;
    }
}
