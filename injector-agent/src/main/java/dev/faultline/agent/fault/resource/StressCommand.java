package dev.faultline.agent.fault.resource;

import dev.faultline.common.fault.CpuStress;
import dev.faultline.common.fault.IoStress;
import dev.faultline.common.fault.MemoryStress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Arguments of stress-ng for each stress fault, and of the parked start that lets it join a cgroup first. */
public final class StressCommand {

    /**
     * A constant script, no input is ever spliced into it: the shell stops itself so that the agent can move it
     * into the target's cgroups, and once continued it replaces itself ({@code exec}) with the command given as
     * separate arguments. The pid the agent started is therefore stress-ng's, and every worker stress-ng forks is
     * born inside the target's cgroups.
     */
    static final String PARKED_EXEC = "kill -STOP $$ && exec \"$@\"";

    private StressCommand() {
    }

    public static List<String> cpu(CpuStress spec) {
        return List.of("stress-ng", "--cpu", Integer.toString(spec.workers()),
                "--cpu-load", Integer.toString(spec.load()), "--timeout", seconds(spec.maxDuration()));
    }

    /** {@code --vm-keep}: hold the memory instead of freeing and re-allocating it, so the footprint stays put. */
    public static List<String> memory(MemoryStress spec) {
        return List.of("stress-ng", "--vm", Integer.toString(spec.workers()),
                "--vm-bytes", spec.megabytesPerWorker() + "M", "--vm-keep", "--timeout", seconds(spec.maxDuration()));
    }

    /**
     * @param directory where the files go as the host reaches them: {@code /proc/<pid>/root/<path>}, the
     *                  container's own filesystem
     */
    public static List<String> io(IoStress spec, Path directory) {
        if (!directory.isAbsolute()) {
            throw new IllegalArgumentException("the temp path must be absolute, was " + directory);
        }
        return List.of("stress-ng", "--hdd", Integer.toString(spec.workers()),
                "--hdd-bytes", spec.megabytes() + "M", "--temp-path", directory.toString(),
                "--timeout", seconds(spec.maxDuration()));
    }

    /** {@code command} started stopped, see {@link #PARKED_EXEC}. */
    public static List<String> parked(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a command is required");
        }
        List<String> args = new ArrayList<>(List.of("sh", "-c", PARKED_EXEC, "faultline-parked"));
        args.addAll(command);
        return args;
    }

    /** Whole seconds, rounded up: stress-ng's own deadline must never come before the fault's. */
    static String seconds(Duration duration) {
        return ((duration.toMillis() + 999) / 1000) + "s";
    }
}
