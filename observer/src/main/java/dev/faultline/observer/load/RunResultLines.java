package dev.faultline.observer.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a file that the Artillery plugin appends one record a line to, while the load may still be running: every
 * line the parser accepts, in order; a line it refuses (incomplete, still being written) is skipped. A file that
 * does not exist reads as empty (the load test never started, or did not write that file).
 */
final class RunResultLines {

    private RunResultLines() {
    }

    static <T> List<T> read(Path file, Function<String, Optional<T>> parser, String what) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file).stream().map(parser).flatMap(Optional::stream).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " " + file, e);
        }
    }
}
