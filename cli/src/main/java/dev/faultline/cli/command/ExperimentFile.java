package dev.faultline.cli.command;

import dev.faultline.cli.CliFailure;
import dev.faultline.cli.ExitCode;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.experiment.ExperimentParser;
import dev.faultline.common.experiment.InvalidExperimentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * An experiment file read and validated locally with the server's own parser, so that a malformed file is refused
 * with the server's field-level messages before anything is sent.
 *
 * @param document the file's text, sent as it is
 * @param json     whether it is JSON (by its extension {@code .json}); YAML otherwise, as the server reads it
 */
public record ExperimentFile(Path path, String document, boolean json, Experiment experiment) {

    public static ExperimentFile read(Path path) {
        String document;
        try {
            document = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new CliFailure(ExitCode.INVALID, "no experiment file " + path);
        } catch (IOException e) {
            throw new CliFailure(ExitCode.INVALID, "cannot read " + path + ": " + e.getMessage());
        }
        boolean json = path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        try {
            Experiment experiment = new ExperimentParser().parse(document,
                    json ? ExperimentParser.Format.JSON : ExperimentParser.Format.YAML);
            return new ExperimentFile(path, document, json, experiment);
        } catch (InvalidExperimentException e) {
            List<String> fields = e.violations().stream().map(v -> v.field() + ": " + v.message()).toList();
            throw new CliFailure(ExitCode.INVALID, path + " is not a valid experiment ("
                    + fields.size() + " problem" + (fields.size() == 1 ? "" : "s") + "; nothing was sent):", fields);
        }
    }
}
