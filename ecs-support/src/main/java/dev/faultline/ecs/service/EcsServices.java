package dev.faultline.ecs.service;

import dev.faultline.ecs.service.EcsServiceState.Deployment;
import dev.faultline.ecs.service.EcsServiceState.ServiceEvent;
import dev.faultline.ecs.service.EcsServiceState.TargetGroupHealth;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * Reads an ECS service's state: one DescribeServices, then one DescribeTargetHealth per target group the service
 * registers its tasks with. Read-only, so it needs only {@code ecs:DescribeServices} and
 * {@code elasticloadbalancing:DescribeTargetHealth}.
 */
public final class EcsServices {

    private final EcsClient ecs;
    private final ElasticLoadBalancingV2Client elb;
    private final Clock clock;

    public EcsServices(EcsClient ecs, ElasticLoadBalancingV2Client elb, Clock clock) {
        this.ecs = Objects.requireNonNull(ecs, "ecs");
        this.elb = Objects.requireNonNull(elb, "elb");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @throws IllegalArgumentException when the cluster has no such service (ECS answers with a failure, not an
     *                                  error, for that)
     */
    public EcsServiceState read(String cluster, String service) {
        var sampledAt = clock.instant();
        DescribeServicesResponse response = ecs.describeServices(b -> b.cluster(cluster).services(service));
        if (response.services().isEmpty()) {
            String why = response.failures().stream().map(f -> f.reason() + " " + f.arn()).findFirst()
                    .orElse("no answer");
            throw new IllegalArgumentException("ECS service " + service + " in cluster " + cluster + ": " + why);
        }
        Service s = response.services().get(0);
        List<Deployment> deployments = s.deployments().stream()
                .map(d -> new Deployment(d.id(), d.status(), d.rolloutStateAsString() == null ? ""
                        : d.rolloutStateAsString(), intOf(d.desiredCount()), intOf(d.runningCount()),
                        intOf(d.pendingCount()), intOf(d.failedTasks()), d.updatedAt()))
                .toList();
        List<ServiceEvent> events = s.events().stream()
                .map(e -> new ServiceEvent(e.id(), e.createdAt(), e.message()))
                .toList();
        List<TargetGroupHealth> groups = s.loadBalancers().stream()
                .map(LoadBalancer::targetGroupArn)
                .filter(Objects::nonNull)
                .distinct()
                .map(this::health)
                .toList();
        return new EcsServiceState(sampledAt, s.clusterArn(), s.serviceName(), s.serviceArn(), s.status(),
                intOf(s.desiredCount()), intOf(s.runningCount()), intOf(s.pendingCount()), deployments, events,
                groups);
    }

    private TargetGroupHealth health(String targetGroupArn) {
        Map<String, Integer> byState = new TreeMap<>();
        for (TargetHealthDescription target : elb.describeTargetHealth(b -> b.targetGroupArn(targetGroupArn))
                .targetHealthDescriptions()) {
            String state = target.targetHealth() == null ? "unknown" : target.targetHealth().stateAsString();
            byState.merge(state, 1, Integer::sum);
        }
        return new TargetGroupHealth(targetGroupArn, byState);
    }

    private static int intOf(Integer value) {
        return value == null ? 0 : value;
    }
}
