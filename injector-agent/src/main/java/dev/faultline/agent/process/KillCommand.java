package dev.faultline.agent.process;

import java.util.List;
import java.util.regex.Pattern;

/** Arguments of {@code kill}, built here so that they are checked and unit-tested, never a shell string. */
public final class KillCommand {

    private static final Pattern SIGNAL_NAME = Pattern.compile("[A-Z][A-Z0-9]*");

    private KillCommand() {
    }

    /**
     * Signals one process of the host.
     *
     * @param pid         the process id as the host sees it; must be above 1, because {@code kill} reads 0 and
     *                    negative ids as process groups and 1 is the host's init
     * @param shortSignal the signal name without {@code SIG}, e.g. {@code KILL}
     */
    public static List<String> signal(long pid, String shortSignal) {
        if (pid <= 1) {
            throw new IllegalArgumentException("refusing to signal pid " + pid + ": only a single process above 1");
        }
        if (shortSignal == null || !SIGNAL_NAME.matcher(shortSignal).matches() || shortSignal.startsWith("SIG")) {
            throw new IllegalArgumentException("signal must be a name without SIG such as KILL, was " + shortSignal);
        }
        return List.of("kill", "-s", shortSignal, Long.toString(pid));
    }
}
