package dev.faultline.orchestrator.config;

import dev.faultline.orchestrator.run.RunPlanner;
import dev.faultline.orchestrator.targeting.TargetSelector;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.security.SecureRandom;
import java.time.Clock;

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
    RunPlanner runPlanner() {
        return new RunPlanner(new TargetSelector(new SecureRandom()));
    }
}
