package dev.faultline.observer.scaling;

import java.time.Instant;

/** A change of one replica, with the time the platform itself recorded for it (Docker's event time). */
public record ReplicaEvent(Instant at, String id, String name, Kind kind) {

    public enum Kind {
        /** The container started (also a restart). */
        STARTED,
        /** Its health check passed after failing or starting. */
        HEALTHY,
        /** Its health check failed. */
        UNHEALTHY,
        /** It stopped: died, was killed or stopped. */
        STOPPED
    }
}
