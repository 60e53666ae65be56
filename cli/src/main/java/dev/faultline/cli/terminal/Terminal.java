package dev.faultline.cli.terminal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the CLI's standard streams are connected to. Java 17 only says whether both are a console
 * ({@link System#console()}); on Linux the target of {@code /proc/self/fd/N} tells each stream apart, so that
 * {@code ./faultline run x | tee log} still asks before aborting on Ctrl-C while printing plain lines.
 *
 * @param stdinInteractive  a person can answer a question on standard input
 * @param stdoutInteractive standard output is a terminal that understands ANSI cursor movement (TERM set, not dumb)
 */
public record Terminal(boolean stdinInteractive, boolean stdoutInteractive) {

    /** Neither stream is a terminal: plain lines, no questions (tests, pipes, CI). */
    public static final Terminal NONE = new Terminal(false, false);

    public static Terminal detect(Map<String, String> environment) {
        boolean console = System.console() != null;
        boolean stdin = isTty(0).orElse(console);
        boolean stdout = isTty(1).orElse(console);
        String term = environment.get("TERM");
        boolean ansi = term != null && !term.isBlank() && !"dumb".equals(term);
        return new Terminal(stdin, stdout && ansi);
    }

    private static java.util.Optional<Boolean> isTty(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        try {
            String target = Files.readSymbolicLink(link).toString();
            return java.util.Optional.of(target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")
                    || target.equals("/dev/console"));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return java.util.Optional.empty();
        }
    }
}
