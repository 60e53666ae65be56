package dev.faultline.orchestrator.api;

import dev.faultline.common.run.RunState;
import dev.faultline.orchestrator.run.RunRegistry;
import dev.faultline.orchestrator.run.RunView;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The live page's feed (docs/design.md, "The live page"): server-sent events, one {@link LiveSnapshot} about once a
 * second, each replacing the one before. A whole snapshot per tick rather than deltas: a client that missed events
 * (a slow tab, a reconnect) is right again at the next one, and the size is bounded by {@link #MAX_RUNS}. The ticks
 * stop when the client goes away: Quarkus REST cancels the subscription when the connection closes.
 */
@Path("/api/v1/stream")
@Tag(name = "runs", description = "Start experiments, follow runs, read the run history")
@APIResponse(responseCode = "401", description = ApiError.UNAUTHENTICATED,
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
public class LiveStreamResource {

    /** How often a snapshot goes out. */
    static final Duration TICK = Duration.ofSeconds(1);
    /** At most this many runs per snapshot: the active ones first, then the ones that just ended. */
    static final int MAX_RUNS = 20;
    /**
     * A run that ended this recently is still sent, so that a watcher sees its last phase and its verdict arrive
     * before it leaves the feed for the history (GET /api/v1/runs).
     */
    static final Duration RECENTLY_ENDED = Duration.ofSeconds(60);

    @Inject
    RunRegistry runs;
    @Inject
    Clock clock;
    @ConfigProperty(name = "faultline.ui.reporter-url")
    String reporterUrl;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-sent events: the runs this orchestrator drives, one snapshot a second",
            description = "Each event's data is a LiveSnapshot (JSON): the active runs (running or awaiting their"
                    + " verdict) and the ones ended in the last minute, as GET /api/v1/runs/{runId} shows them. Needs"
                    + " the viewer role, with the Authorization header like every other call (docs/security.md).")
    @APIResponse(responseCode = "200", description = "The stream of snapshots",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(implementation = LiveSnapshot.class)))
    public Multi<LiveSnapshot> stream() {
        // The first tick comes at once, then one per TICK.
        return Multi.createFrom().ticks().every(TICK)
                // A client slower than a tick skips snapshots rather than queueing them: each replaces the last.
                .onOverflow().drop()
                .map(tick -> snapshot(clock.instant()));
    }

    LiveSnapshot snapshot(Instant now) {
        List<RunView> shown = runs.all().stream()
                .map(run -> run.view(now))
                .filter(view -> active(view.state())
                        || view.endedAt() != null && view.endedAt().isAfter(now.minus(RECENTLY_ENDED)))
                .sorted(java.util.Comparator.comparing((RunView view) -> !active(view.state())))
                .limit(MAX_RUNS)
                .toList();
        return new LiveSnapshot(now, shown, reporterUrl);
    }

    /** Running, or finished and awaiting its verdict. */
    private static boolean active(RunState state) {
        return state == RunState.RUNNING || state == RunState.FINISHED;
    }

    /**
     * One event of the stream.
     *
     * @param at          when it was taken
     * @param runs        the active runs (newest first), then the ones ended in the last minute; at most 20
     * @param reporterUrl the reporter's base URL (faultline.ui.reporter-url), where the HTML reports are
     */
    public record LiveSnapshot(Instant at, List<RunView> runs, String reporterUrl) {
    }
}
