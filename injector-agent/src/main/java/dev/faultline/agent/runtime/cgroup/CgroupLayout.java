package dev.faultline.agent.runtime.cgroup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a process's cgroups are on this host, worked out from two texts the kernel gives: the process's
 * {@code /proc/<pid>/cgroup} and the reader's {@code /proc/self/mountinfo}. Pure, so that both cgroup v1 (one
 * hierarchy per controller, as on this build machine), v2 and the hybrid layout are unit-tested.
 */
public final class CgroupLayout {

    private CgroupLayout() {
    }

    /** One line of {@code /proc/<pid>/cgroup}: {@code 4:memory:/docker/<id>} or {@code 0::/docker/<id>}. */
    public record Membership(String hierarchyId, Set<String> controllers, String path) {
        boolean unified() {
            return controllers.isEmpty() && "0".equals(hierarchyId);
        }
    }

    /** A mounted cgroup hierarchy. */
    public record Mount(Path mountPoint, String root, boolean unified, Set<String> controllers) {
    }

    /**
     * A hierarchy a process belongs to and the {@code cgroup.procs} file that puts a process into the same group.
     *
     * @param name the controllers, e.g. {@code memory} or {@code cpu,cpuacct}; {@code unified} for cgroup v2
     */
    public record Group(String name, Path directory) {
        public Path procsFile() {
            return directory.resolve("cgroup.procs");
        }
    }

    public static List<Membership> parseMemberships(String procPidCgroup) {
        List<Membership> result = new ArrayList<>();
        for (String line : procPidCgroup.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split(":", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException("not a /proc/<pid>/cgroup line: " + line);
            }
            Set<String> controllers = parts[1].isEmpty() ? Set.of()
                    : new LinkedHashSet<>(Arrays.asList(parts[1].split(",")));
            result.add(new Membership(parts[0], controllers, parts[2].strip()));
        }
        return result;
    }

    public static List<Mount> parseMounts(String mountinfo) {
        List<Mount> result = new ArrayList<>();
        for (String line : mountinfo.split("\n")) {
            String[] fields = line.trim().split(" ");
            int dash = Arrays.asList(fields).indexOf("-");
            if (dash < 6 || fields.length < dash + 4) {
                continue;
            }
            String fsType = fields[dash + 1];
            if (!fsType.equals("cgroup") && !fsType.equals("cgroup2")) {
                continue;
            }
            Set<String> controllers = new LinkedHashSet<>();
            if (fsType.equals("cgroup")) {
                for (String option : fields[dash + 3].split(",")) {
                    if (!option.equals("rw") && !option.equals("ro") && !option.startsWith("release_agent")
                            && !option.equals("clone_children") && !option.equals("noprefix")
                            && !option.equals("xattr") && !option.equals("cpuset_v2_mode")) {
                        controllers.add(option);
                    }
                }
            }
            result.add(new Mount(Path.of(unescape(fields[4])), unescape(fields[3]), fsType.equals("cgroup2"),
                    controllers));
        }
        return result;
    }

    /**
     * The groups of a process on every mounted hierarchy it belongs to, in the order of its cgroup file. A
     * hierarchy that is not mounted here, or whose group lies outside the mounted part, is left out.
     */
    public static List<Group> groups(String procPidCgroup, String mountinfo) {
        List<Mount> mounts = parseMounts(mountinfo);
        List<Group> groups = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (Membership m : parseMemberships(procPidCgroup)) {
            Optional<Mount> mount = mounts.stream().filter(candidate -> mounts(candidate, m)).findFirst();
            if (mount.isEmpty()) {
                continue;
            }
            Optional<Path> directory = directory(mount.get(), m.path());
            if (directory.isPresent() && seen.add(directory.get())) {
                groups.add(new Group(m.unified() ? "unified" : String.join(",", m.controllers()), directory.get()));
            }
        }
        return groups;
    }

    /** {@code v1}, {@code v2} or {@code hybrid} (v1 controllers plus a v2 mount), from mountinfo. */
    public static String version(String mountinfo) {
        List<Mount> mounts = parseMounts(mountinfo);
        boolean v1 = mounts.stream().anyMatch(m -> !m.unified());
        boolean v2 = mounts.stream().anyMatch(Mount::unified);
        if (v1 && v2) {
            return "hybrid";
        }
        return v1 ? "v1" : v2 ? "v2" : "none";
    }

    private static boolean mounts(Mount mount, Membership membership) {
        if (membership.unified()) {
            return mount.unified();
        }
        return !mount.unified() && mount.controllers().equals(membership.controllers());
    }

    private static Optional<Path> directory(Mount mount, String path) {
        String root = mount.root();
        if (!root.equals("/") && !(path.equals(root) || path.startsWith(root + "/"))) {
            return Optional.empty();
        }
        String relative = root.equals("/") ? path : path.substring(root.length());
        relative = relative.startsWith("/") ? relative.substring(1) : relative;
        if (relative.contains("..")) {
            return Optional.empty();
        }
        return Optional.of(relative.isEmpty() ? mount.mountPoint() : mount.mountPoint().resolve(relative));
    }

    /** mountinfo escapes blanks and backslashes as octal ({@code \040}). */
    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() + 0 && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
