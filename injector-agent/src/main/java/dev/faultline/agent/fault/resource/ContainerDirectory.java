package dev.faultline.agent.fault.resource;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A directory of a container's filesystem as the host reaches it: {@code /proc/<pid>/root/<path>}. Symbolic links
 * are refused on the way, because the host would resolve an absolute link against its own root, not the
 * container's: a container could otherwise point a fault at the host's files.
 */
public final class ContainerDirectory {

    private ContainerDirectory() {
    }

    /** The host path of {@code path} (absolute, plain names; the spec checked that) inside the container. */
    public static Path hostPath(Path procRoot, long pid, String path) {
        Path root = procRoot.resolve(Long.toString(pid)).resolve("root");
        return path.equals("/") ? root : root.resolve(path.substring(1));
    }

    /** {@link #hostPath}, checked to be a real directory reached without following any link. */
    public static Path existing(Path procRoot, long pid, String path) {
        Path root = procRoot.resolve(Long.toString(pid)).resolve("root");
        Path current = root;
        if (!path.equals("/")) {
            for (String segment : path.substring(1).split("/")) {
                current = current.resolve(segment);
                if (Files.isSymbolicLink(current)) {
                    throw new IllegalStateException(path + " is reached through a symbolic link in the container ("
                            + root.relativize(current) + "); the agent does not follow links out of a container");
                }
            }
        }
        if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException(path + " is not a directory in the container");
        }
        return current;
    }
}
