package dev.faultline.agent.process;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads what {@code /proc} says about a host process. Every answer is empty when the process is gone. */
@ApplicationScoped
public class HostProcesses {

    private final Path proc;

    public HostProcesses() {
        this(Path.of("/proc"));
    }

    HostProcesses(Path proc) {
        this.proc = proc;
    }

    /** The kernel's name of the process ({@code comm}, at most 15 characters). */
    public Optional<String> name(long pid) {
        return read(pid, "comm").map(String::strip);
    }

    /** The arguments joined by blanks, as {@code ps} shows them. */
    public Optional<String> commandLine(long pid) {
        return read(pid, "cmdline").map(s -> s.replace('\0', ' ').strip());
    }

    /** The one-letter state of {@code /proc/<pid>/stat}: R, S, D, T (stopped), Z (zombie), ... */
    public Optional<Character> state(long pid) {
        // "pid (comm) S ...": comm may hold blanks and parentheses, so look after the last ')'.
        return read(pid, "stat").map(stat -> stat.charAt(stat.lastIndexOf(')') + 2));
    }

    public boolean alive(long pid) {
        return state(pid).map(s -> s != 'Z' && s != 'X').orElse(false);
    }

    /** The direct children of the process's main thread. */
    public List<Long> children(long pid) {
        List<Long> children = new ArrayList<>();
        read(pid, "task/" + pid + "/children").ifPresent(text -> {
            for (String token : text.trim().split("\\s+")) {
                if (!token.isEmpty()) {
                    children.add(Long.parseLong(token));
                }
            }
        });
        return children;
    }

    /** Whether the process was started with this {@code NAME=value} in its environment. */
    public boolean hasEnvironment(long pid, String entry) {
        return read(pid, "environ").map(env -> java.util.Arrays.asList(env.split("\0")).contains(entry))
                .orElse(false);
    }

    /** The text of {@code /proc/<pid>/cgroup}, for checking where a process sits. */
    public Optional<String> cgroups(long pid) {
        return read(pid, "cgroup");
    }

    private Optional<String> read(long pid, String file) {
        try {
            return Optional.of(new String(Files.readAllBytes(proc.resolve(Long.toString(pid)).resolve(file)),
                    StandardCharsets.UTF_8));
        } catch (IOException gone) {
            return Optional.empty();
        }
    }
}
