package dev.faultline.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.cli.CliEnvironment;
import dev.faultline.cli.CliFailure;
import dev.faultline.cli.ExitCode;
import dev.faultline.cli.api.FaultlineApi;
import dev.faultline.cli.progress.ProgressDisplay;
import dev.faultline.cli.progress.RunSnapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Follows a run until it ends: polls the orchestrator twice a second, shows each poll, and handles Ctrl-C (asks
 * whether to abort the run when a person can answer, aborts without asking otherwise).
 */
final class RunFollower {

    static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    /** How long the orchestrator may stay silent before the CLI gives up following (the run itself goes on). */
    static final Duration LOST_CONTACT = Duration.ofSeconds(30);
    /** How long after the observation window a verdict may take before the CLI stops waiting for it. */
    static final Duration VERDICT_GRACE = Duration.ofMinutes(5);
    static final String ABORT_REASON = "aborted from the CLI (Ctrl-C)";

    private final FaultlineApi api;
    private final CliEnvironment environment;
    private final ProgressDisplay display;

    RunFollower(FaultlineApi api, CliEnvironment environment) {
        this.api = api;
        this.environment = environment;
        this.display = ProgressDisplay.of(environment.terminal().stdoutInteractive(), environment.out(),
                environment.clock(), environment.columns(), environment.terminal().stdinInteractive()
                        ? "Ctrl-C asks whether to abort the run."
                        : "Ctrl-C aborts the run (standard input is not a terminal, so nobody is asked).");
    }

    /** @return the run's last poll, in a terminal state */
    RunSnapshot follow(String runId) {
        return environment.interrupts().catching(() -> poll(runId));
    }

    private RunSnapshot poll(String runId) {
        Instant lastAnswer = environment.clock().instant();
        boolean silenceNoted = false;
        while (true) {
            if (environment.interrupts().takeInterrupt()) {
                onInterrupt(runId);
            }
            Instant now = environment.clock().instant();
            JsonNode view;
            try {
                view = api.run(runId);
            } catch (CliFailure failure) {
                if (failure.exitCode() != ExitCode.UNREACHABLE) {
                    throw failure;
                }
                if (Duration.between(lastAnswer, now).compareTo(LOST_CONTACT) > 0) {
                    display.release();
                    throw new CliFailure(ExitCode.UNREACHABLE, "lost the orchestrator while following run " + runId
                            + " (" + failure.getMessage() + ")", java.util.List.of(
                                    "the run may go on; its agents revert its faults when its lease expires",
                                    "once the orchestrator answers again: ./faultline show " + runId));
                }
                if (!silenceNoted) {
                    display.note("the orchestrator does not answer; retrying for " + LOST_CONTACT.toSeconds()
                            + " s (" + failure.getMessage() + ")");
                    silenceNoted = true;
                }
                sleep();
                continue;
            }
            lastAnswer = now;
            silenceNoted = false;
            RunSnapshot run = RunSnapshot.of(view, now);
            display.show(run);
            if (run.terminal()) {
                display.release();
                return run;
            }
            if (run.observeUntil() != null && now.isAfter(run.observeUntil().plus(VERDICT_GRACE))) {
                display.release();
                throw new CliFailure(ExitCode.UNREACHABLE, "run " + runId + " has no verdict "
                        + VERDICT_GRACE.toMinutes() + " minutes after its observation window closed (state "
                        + run.state() + ")", java.util.List.of("is the observer running? ./faultline services status;"
                                + " ./faultline logs observer", "later: ./faultline show " + runId));
            }
            sleep();
        }
    }

    /** Ctrl-C: ask (a person at the terminal) or abort at once (a script, a CI job: nobody can answer). */
    private void onInterrupt(String runId) {
        display.release();
        boolean abort;
        if (environment.terminal().stdinInteractive()) {
            abort = ask("Abort run " + runId + "? Its faults are reverted and it gets no verdict. [y/N] ");
            if (!abort) {
                display.note("not aborted; following run " + runId + " again");
                return;
            }
        } else {
            display.note("Ctrl-C: aborting run " + runId + " without asking (standard input is not a terminal)");
        }
        try {
            JsonNode aborted = api.abort(runId, ABORT_REASON);
            display.note("run " + runId + " aborted: " + aborted.path("abortReason").asText(ABORT_REASON));
        } catch (CliFailure failure) {
            // An ended run cannot be aborted (409): the next poll shows how it ended.
            display.note("could not abort run " + runId + ": " + failure.getMessage());
        }
    }

    /**
     * Asks on the error stream (standard output may be piped) and reads the answer; a second Ctrl-C while asking
     * counts as yes, since whoever presses it twice wants out.
     */
    private boolean ask(String question) {
        PrintWriter err = environment.err();
        err.print(question);
        err.flush();
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return environment.stdin().readLine();
            } catch (IOException e) {
                return null;
            }
        }, runnable -> {
            Thread reader = new Thread(runnable, "faultline-cli-answer");
            reader.setDaemon(true);
            reader.start();
        });
        while (true) {
            if (environment.interrupts().takeInterrupt()) {
                err.println();
                err.flush();
                return true;
            }
            try {
                String line = answer.get(100, TimeUnit.MILLISECONDS);
                return line != null && line.strip().toLowerCase(Locale.ROOT).matches("y|yes");
            } catch (TimeoutException e) {
                // still waiting for the answer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                return false;
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCode.ABORTED, "interrupted while following the run");
        }
    }
}
