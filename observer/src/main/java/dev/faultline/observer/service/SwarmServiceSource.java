package dev.faultline.observer.service;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceModeConfig;
import dev.faultline.common.experiment.ServiceKind;
import dev.faultline.common.experiment.ServiceTarget;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * A Docker Swarm service: its desired count from the service's spec (replicated mode), its replicas the running
 * task containers on this engine (they carry {@code com.docker.swarm.service.name}), with their health from the
 * containers' own checks. On a one-node swarm (as here) every task runs on this engine; on several nodes this
 * source sees this node's tasks only.
 */
public final class SwarmServiceSource implements ServiceStateSource {

    private final Supplier<DockerClient> docker;
    private final DockerReplicas replicas;

    public SwarmServiceSource(Supplier<DockerClient> docker) {
        this.docker = docker;
        this.replicas = new DockerReplicas(docker);
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.SWARM;
    }

    @Override
    public ServiceSnapshot read(ServiceTarget service, Instant at) {
        List<Service> found = docker.get().listServicesCmd().withNameFilter(List.of(service.name())).exec().stream()
                .filter(s -> s.getSpec() != null && service.name().equals(s.getSpec().getName())).toList();
        if (found.isEmpty()) {
            throw new IllegalStateException("no Swarm service named " + service.name()
                    + " (is this engine a swarm manager?)");
        }
        return new ServiceSnapshot(at, desired(found.get(0)), replicas.running(service.containerLabels().orElseThrow()));
    }

    /** Replicated mode's replica count; null in global mode (one task per node, no count to keep). */
    private static Integer desired(Service service) {
        ServiceModeConfig mode = service.getSpec().getMode();
        if (mode == null || mode.getReplicated() == null) {
            return null;
        }
        return (int) mode.getReplicated().getReplicas();
    }
}
