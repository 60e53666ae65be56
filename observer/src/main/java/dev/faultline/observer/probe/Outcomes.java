package dev.faultline.observer.probe;

import dev.faultline.common.verdict.FailureKind;
import io.vertx.core.http.HttpClosedException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.InterruptedByTimeoutException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Errors of probes that got no answer: in words for samples, and by kind for the failure breakdown. */
final class Outcomes {

    private Outcomes() {
    }

    static String describe(Throwable error) {
        Throwable cause = unwrap(error);
        String message = cause.getMessage();
        return message == null || message.isBlank()
                ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + message;
    }

    /**
     * Timeout, refused, reset or other, from the exception and its causes: the JDK's HTTP client wraps the socket's
     * own exception ("Connection refused", "Connection reset") in one of its own, sometimes without a message;
     * Vert.x's (HTTP probes) reports Netty's ("Connection refused: /127.0.0.1:8080", a ConnectException) or its own
     * timeout, a TimeoutException.
     */
    static FailureKind kindOf(Throwable error) {
        for (Throwable t = unwrap(error); t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException
                    || t instanceof InterruptedByTimeoutException || t instanceof TimeoutException
                    || message.contains("timed out")) {
                return FailureKind.TIMEOUT;
            }
            // The JDK's HTTP client reports a refused connect as a ConnectException without a message.
            if (t instanceof ConnectException || message.contains("refused")) {
                return FailureKind.REFUSED;
            }
            // Vert.x's client reports a connection closed before the answer as an HttpClosedException
            if (message.contains("reset") || message.contains("broken pipe") || t instanceof EOFException
                    || message.contains("received no bytes") || t instanceof HttpClosedException) {
                return FailureKind.RESET;
            }
        }
        return FailureKind.OTHER;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
