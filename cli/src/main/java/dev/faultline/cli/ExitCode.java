package dev.faultline.cli;

/**
 * The CLI's exit codes, what a CI pipeline gates on. Documented in docs/cli.md; {@code run} ends with one of the
 * first five, every other command with 0 or the code of what went wrong.
 */
public final class ExitCode {

    /** The run passed; any other command did what it was asked. */
    public static final int PASS = 0;
    /** The run was judged and failed. */
    public static final int FAIL = 1;
    /** The experiment is invalid, or the server refused the request (400, 401, 403, 404, 409, 422), or bad usage. */
    public static final int INVALID = 2;
    /** The run was aborted or halted before its verdict. */
    public static final int ABORTED = 3;
    /** Faultline did not answer (connection refused, timeout) or answered that it cannot work now (5xx). */
    public static final int UNREACHABLE = 4;
    /** A fault of the CLI itself; {@code --verbose} prints its stack trace. */
    public static final int INTERNAL = 5;

    private ExitCode() {
    }

    /** The exit code for a refusal by the API, by its HTTP status. */
    public static int forHttpStatus(int status) {
        if (status >= 500) {
            return UNREACHABLE;
        }
        if (status >= 400) {
            return INVALID;
        }
        throw new IllegalArgumentException("HTTP " + status + " is not a refusal");
    }
}
