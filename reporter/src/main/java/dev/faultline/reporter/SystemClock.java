package dev.faultline.reporter;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The one place the reporter reads the wall clock, so that classes that need time take a {@link Clock}. */
public final class SystemClock {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
