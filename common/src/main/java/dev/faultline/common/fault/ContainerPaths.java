package dev.faultline.common.fault;

import dev.faultline.common.validation.Checks;
import java.util.regex.Pattern;

/** Directories inside a container that a fault may write to: absolute, plain names, no way up. */
final class ContainerPaths {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

    private ContainerPaths() {
    }

    static Checks check(Checks checks, String path, String field) {
        return checks.require(valid(path), field,
                "must be an absolute directory of plain names (letters, digits, . _ -) without '..', was " + path);
    }

    static boolean valid(String path) {
        if (path == null || !path.startsWith("/") || path.length() > 256) {
            return false;
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty() && path.equals("/")) {
                continue;
            }
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
