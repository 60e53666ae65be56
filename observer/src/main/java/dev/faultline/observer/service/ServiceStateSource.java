package dev.faultline.observer.service;

import dev.faultline.common.experiment.ServiceKind;
import dev.faultline.common.experiment.ServiceTarget;
import java.time.Instant;

/**
 * Reads one platform's view of a service: its running replicas with their start and health instants, and its
 * desired count where the platform keeps one. One implementation per {@link ServiceKind}; an ECS source wraps
 * the ECS API's DescribeServices and DescribeTasks (module ecs-support). Called from the sampler's own threads: it
 * may block, and throws when the platform cannot be read (the sampler records the miss and goes on).
 */
public interface ServiceStateSource {

    ServiceKind kind();

    ServiceSnapshot read(ServiceTarget service, Instant at);
}
