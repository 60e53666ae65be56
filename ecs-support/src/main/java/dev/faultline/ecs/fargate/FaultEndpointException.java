package dev.faultline.ecs.fargate;

/** The ECS agent's fault-injection endpoint refused a request or could not be asked; {@link #reason()} says which. */
public class FaultEndpointException extends RuntimeException {

    public enum Reason {
        /** 400: the request was invalid, or the task does not have fault injection enabled. */
        BAD_REQUEST,
        /** 409: another fault is running that this one conflicts with (one latency or loss fault at a time). */
        CONFLICT,
        /** 429: more than one request per 5 s per container to this endpoint. */
        THROTTLED,
        /** 5xx: the agent failed. */
        SERVER_ERROR,
        /** The endpoint did not answer: no ECS agent, or the agent too old to have it (before 1.88.0). */
        UNREACHABLE
    }

    private final Reason reason;
    private final int status;

    public FaultEndpointException(Reason reason, int status, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.status = status;
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status, 0 when there was no answer. */
    public int status() {
        return status;
    }

    static Reason forStatus(int status) {
        return switch (status) {
            case 400 -> Reason.BAD_REQUEST;
            case 409 -> Reason.CONFLICT;
            case 429 -> Reason.THROTTLED;
            default -> status >= 500 ? Reason.SERVER_ERROR : Reason.BAD_REQUEST;
        };
    }
}
