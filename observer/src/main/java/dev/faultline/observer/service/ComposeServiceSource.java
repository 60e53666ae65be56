package dev.faultline.observer.service;

import com.github.dockerjava.api.DockerClient;
import dev.faultline.common.experiment.ServiceKind;
import dev.faultline.common.experiment.ServiceTarget;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A Docker Compose service: the running containers with its project and service labels. Compose keeps no desired
 * count (a restart policy brings a container back, nothing adds one), so the snapshot has none and the sampler
 * takes the count at the run's start, or the experiment's {@code replicas}.
 */
public final class ComposeServiceSource implements ServiceStateSource {

    private final DockerReplicas replicas;

    public ComposeServiceSource(Supplier<DockerClient> docker) {
        this.replicas = new DockerReplicas(docker);
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.COMPOSE;
    }

    @Override
    public ServiceSnapshot read(ServiceTarget service, Instant at) {
        return new ServiceSnapshot(at, null, replicas.running(service.containerLabels().orElseThrow()));
    }
}
