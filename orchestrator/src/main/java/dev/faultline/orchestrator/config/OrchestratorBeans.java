package dev.faultline.orchestrator.config;

import dev.faultline.orchestrator.run.RunJournal;
import dev.faultline.orchestrator.run.RunPlanner;
import dev.faultline.orchestrator.targeting.TargetSelector;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.security.SecureRandom;
import dev.faultline.orchestrator.targeting.BlastRadius;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** The orchestrator's shared collaborators, made replaceable for tests. */
@ApplicationScoped
public class OrchestratorBeans {

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @ApplicationScoped
    RunPlanner runPlanner(
            @ConfigProperty(name = "faultline.blast-radius.max-targets", defaultValue = "10") int maxTargets,
            @ConfigProperty(name = "faultline.blast-radius.max-percent-of-service", defaultValue = "50") int maxPercent) {
        return new RunPlanner(new TargetSelector(new SecureRandom()), new BlastRadius(maxTargets, maxPercent));
    }

    /** Where runs survive a restart of this process; see {@link RunJournal}. */
    @Produces
    @ApplicationScoped
    RunJournal runJournal(@ConfigProperty(name = "faultline.run-journal.dir") Path dir,
            @ConfigProperty(name = "faultline.run-journal.retention", defaultValue = "7d") Duration retention) {
        return new RunJournal(dir, retention);
    }
}
