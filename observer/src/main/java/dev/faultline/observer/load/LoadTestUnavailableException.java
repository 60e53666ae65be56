package dev.faultline.observer.load;

import java.util.List;

/** The experiment's load test cannot run on the observer's host; each problem says how to fix it. */
public class LoadTestUnavailableException extends RuntimeException {

    public LoadTestUnavailableException(List<String> problems) {
        super(String.join("; ", problems));
    }
}
