package dev.faultline.common.verdict;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How the targeted service scaled during a run ({@code scaling:} of the experiment): its replica counts over time,
 * the scale events with their cause, the time from the trigger to the scale-out, each new replica's cold start and
 * the load balancer's spread of requests across replicas. See docs/verdict.md.
 *
 * @param trigger            what the trigger was, in words ("load step 20s after the load test's first request",
 *                           "first fault injected")
 * @param triggerAt          when it happened; null when it did not (no fault injected, no load)
 * @param points             the counts after every change, oldest first
 * @param events             what happened to the service, oldest first: scaling activities with their cause,
 *                           replicas started, healthy, in the load balancer, stopped
 * @param fromReplicas       healthy replicas at the trigger
 * @param toReplicas         the count the first scale-out after the trigger aimed at; null without one
 * @param scaleOutStartedMillis trigger → the first scale-out began (its activity, else its first new container)
 * @param scaleOutMillis     trigger → every replica of that scale-out healthy; null when it never got there
 * @param coldStarts         every replica started during the run
 * @param minHealthy         the fewest healthy replicas at any time of the run
 * @param minHealthyAt       when that minimum was first reached
 * @param shareDuring        server → its share of the requests from the scale-out's start until it completed
 * @param shareAfter         server → its share from the scale-out's completion to the end, servers in rotation
 *                           throughout only
 * @param imbalanceAfter     the largest deviation of a server's share in {@code shareAfter} from an even share, as a
 *                           fraction of the even share; null without two such servers
 * @param method             how it was measured, with the resolution
 * @param scaleOuts          scale-out activities from the trigger (the run's start without one) to the window's end:
 *                           more than one is a cascade (each with its cause in {@code events}); null without a feed
 * @param scaleInStartedMillis trigger (the run's start without one) → the first scale-in activity after it; null
 *                           without one
 * @param scaleInMillis      the same origin → the service down to the last scale-in's count (running replicas);
 *                           null when it never got there in the window
 * @param scaleInToReplicas  the count the last scale-in of the window aimed at
 * @param minHealthyDuringScaleIn the fewest healthy replicas from the first scale-in's start to the scale-in's end
 *                           (the window's end when it never ended)
 * @param scaleInP99Millis   the load test's p99 latency over that scale-in window; null without responses in it
 * @param scaleInRequests    the load test's requests in it
 * @param scaleInErrors      those of them that failed (no answer, or a status the load test does not count as
 *                           success)
 */
public record ScalingReport(String trigger, Instant triggerAt, List<Point> points, List<Event> events,
        Integer fromReplicas, Integer toReplicas, Long scaleOutStartedMillis, Long scaleOutMillis,
        List<ColdStart> coldStarts, Integer minHealthy, Instant minHealthyAt, Map<String, Double> shareDuring,
        Map<String, Double> shareAfter, Double imbalanceAfter, String method, Integer scaleOuts,
        Long scaleInStartedMillis, Long scaleInMillis, Integer scaleInToReplicas, Integer minHealthyDuringScaleIn,
        Long scaleInP99Millis, Long scaleInRequests, Long scaleInErrors) {

    public ScalingReport {
        points = points == null ? List.of() : List.copyOf(points);
        events = events == null ? List.of() : List.copyOf(events);
        coldStarts = coldStarts == null ? List.of() : List.copyOf(coldStarts);
        shareDuring = shareDuring == null ? Map.of() : Map.copyOf(shareDuring);
        shareAfter = shareAfter == null ? Map.of() : Map.copyOf(shareAfter);
    }

    /** Without the cascade and scale-in figures, as reports were made before they existed. */
    public ScalingReport(String trigger, Instant triggerAt, List<Point> points, List<Event> events,
            Integer fromReplicas, Integer toReplicas, Long scaleOutStartedMillis, Long scaleOutMillis,
            List<ColdStart> coldStarts, Integer minHealthy, Instant minHealthyAt, Map<String, Double> shareDuring,
            Map<String, Double> shareAfter, Double imbalanceAfter, String method) {
        this(trigger, triggerAt, points, events, fromReplicas, toReplicas, scaleOutStartedMillis, scaleOutMillis,
                coldStarts, minHealthy, minHealthyAt, shareDuring, shareAfter, imbalanceAfter, method, null, null,
                null, null, null, null, null, null);
    }

    /**
     * The service's counts from {@code at} until the next point.
     *
     * @param desired        the autoscaler's desired count; null without an activity feed saying it
     * @param inLoadBalancer servers the load balancer reports healthy; null without a load balancer reading
     */
    public record Point(Instant at, int running, int healthy, Integer desired, Integer inLoadBalancer) {
    }

    /**
     * @param kind    {@code scale-out}, {@code scale-in}, {@code scaling} (an activity keeping the count),
     *                {@code started}, {@code healthy}, {@code unhealthy}, {@code in-load-balancer}, {@code stopped}
     * @param replica the container (or server) it concerns; null for an activity
     * @param cause   the platform's own words for why (the activity's cause); null where it gives none
     */
    public record Event(Instant at, String kind, String replica, String cause) {
    }

    /**
     * One replica started during the run.
     *
     * @param startToHealthyMillis        container start → its first passing health check (Docker's); null when it
     *                                    never passed one in the run
     * @param startToLoadBalancerMillis   container start → first reported healthy by the load balancer; null when
     *                                    never seen so, or no load balancer is read
     * @param server                      the load balancer's name for it; null when none matched
     */
    public record ColdStart(String replica, Instant startedAt, Long startToHealthyMillis,
            Long startToLoadBalancerMillis, String server) {
    }
}
