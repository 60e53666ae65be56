package dev.faultline.cli.progress;

import dev.faultline.cli.text.Formats;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;

/** Where the progress of a followed run goes: a screen redrawn in place, or plain lines for a pipe. */
public interface ProgressDisplay {

    /** Shows the latest poll. */
    void show(RunSnapshot run);

    /** A line outside the run's own story (a lost connection, an answer to Ctrl-C), kept on screen. */
    void note(String line);

    /** Leaves the screen as it is, so that what follows (a question, the verdict) prints below it. */
    void release();

    /** @param footer the screen's last line (what Ctrl-C does); plain lines have none */
    static ProgressDisplay of(boolean terminal, PrintWriter out, Clock clock, int columns, String footer) {
        return terminal ? new Screen(out, clock, columns, footer) : new Plain(out, clock);
    }

    /** Timestamped lines, one per change. */
    final class Plain implements ProgressDisplay {
        private final PrintWriter out;
        private final Clock clock;
        private RunSnapshot last;

        Plain(PrintWriter out, Clock clock) {
            this.out = out;
            this.clock = clock;
        }

        @Override
        public void show(RunSnapshot run) {
            for (String line : ProgressChanges.between(last, run, clock.getZone())) {
                note(line);
            }
            last = run;
        }

        @Override
        public void note(String line) {
            out.println(Formats.clock(clock.instant(), clock.getZone()) + " " + line);
            out.flush();
        }

        @Override
        public void release() {
            out.flush();
        }
    }

    /** One screen, redrawn with ANSI cursor movement; notes stay above it. */
    final class Screen implements ProgressDisplay {
        private static final String ESC = "\u001b[";
        private final PrintWriter out;
        private final Clock clock;
        private final int columns;
        private final String footer;
        private int drawnLines;
        private RunSnapshot last;

        Screen(PrintWriter out, Clock clock, int columns, String footer) {
            this.out = out;
            this.clock = clock;
            this.columns = columns;
            this.footer = footer;
        }

        @Override
        public void show(RunSnapshot run) {
            last = run;
            List<String> lines = new java.util.ArrayList<>(ProgressScreen.render(run, clock.instant(),
                    clock.getZone()));
            if (!run.terminal()) {
                lines.add("");
                lines.add(footer);
            }
            erase();
            for (String line : lines) {
                // A wrapped line would take two rows and break the next redraw's count.
                out.println(line.length() > columns ? line.substring(0, Math.max(0, columns - 1)) + "…" : line);
            }
            drawnLines = lines.size();
            out.flush();
        }

        @Override
        public void note(String line) {
            erase();
            out.println(Formats.clock(clock.instant(), clock.getZone()) + " " + line);
            drawnLines = 0;
            if (last != null) {
                show(last);
            }
        }

        @Override
        public void release() {
            drawnLines = 0;
            out.flush();
        }

        private void erase() {
            if (drawnLines > 0) {
                out.print(ESC + drawnLines + "F" + ESC + "J");
            }
        }
    }
}
