package dev.faultline.observer.probe;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Errors in words for samples: the exception's simple name and its message. */
final class Outcomes {

    private Outcomes() {
    }

    static String describe(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank()
                ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + message;
    }
}
