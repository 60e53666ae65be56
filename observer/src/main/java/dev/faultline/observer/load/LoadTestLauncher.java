package dev.faultline.observer.load;

import dev.faultline.common.experiment.LoadTest;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs each run's load test as a child process of the observer (Artillery), bounded by the run: started when the
 * observer learns of the run (so the steady-state warm-up has load too) and ended by its pid when the run finishes,
 * is aborted or halted, or the observer stops. The one owner of the run's load directory
 * {@code <faultline.load.results-dir>/R/}, on this host only: {@code responses.csv} (one line per response,
 * {@link LoadResultsFile}), {@code writes.jsonl} ({@link AcknowledgedWritesFile}), {@code artillery.log} (Artillery's
 * progress and errors), {@code artillery-report.json}, {@code load.json} (the generated script of {@code url:} load)
 * and {@code artillery.pid} while it runs.
 */
@ApplicationScoped
@Startup // stops the load tests a previous observer process left running as soon as this one starts
public class LoadTestLauncher {

    private static final Logger LOG = Logger.getLogger(LoadTestLauncher.class);

    static final String LOG_FILE = "artillery.log";
    static final String REPORT_FILE = "artillery-report.json";
    static final String SCRIPT_FILE = "load.json";
    /**
     * The load test's pid and start instant, so that the next observer process can stop a load test whose own
     * process was killed (kill -9 leaves Artillery running until its duration ends).
     */
    static final String PID_FILE = "artillery.pid";
    /** Between SIGTERM (Artillery writes its report) and SIGKILL. */
    static final Duration STOP_GRACE = Duration.ofSeconds(5);

    /** Starts a process; the real one is {@link #SYSTEM}, tests pass a fake. */
    @FunctionalInterface
    public interface ProcessStarter {
        Process start(List<String> command, Map<String, String> environment, Path workingDirectory, Path logFile)
                throws IOException;

        ProcessStarter SYSTEM = (command, environment, workingDirectory, logFile) -> {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
            return builder.start();
        };
    }

    private final Path resultsDir;
    private final Path artillery;
    private final Path pluginDir;
    private final ProcessStarter starter;
    private final Map<String, Process> running = new ConcurrentHashMap<>();

    @Inject
    public LoadTestLauncher(
            @ConfigProperty(name = "faultline.load.results-dir") Path resultsDir,
            @ConfigProperty(name = "faultline.load.artillery") Path artillery,
            @ConfigProperty(name = "faultline.load.plugin-dir") Path pluginDir) {
        this(resultsDir, artillery, pluginDir, ProcessStarter.SYSTEM);
    }

    public LoadTestLauncher(Path resultsDir, Path artillery, Path pluginDir, ProcessStarter starter) {
        this.resultsDir = resultsDir.toAbsolutePath().normalize();
        this.artillery = artillery.toAbsolutePath().normalize();
        this.pluginDir = pluginDir.toAbsolutePath().normalize();
        this.starter = starter;
    }

    /**
     * Refuses a load test this host cannot run, before anything is started: Artillery not installed, Faultline's
     * plugin missing, or the experiment's script not on this host. Every reason is listed, each with its fix.
     */
    void requireRunnable(LoadTest load) {
        List<String> problems = new ArrayList<>();
        if (!Files.isExecutable(artillery)) {
            problems.add("Artillery is not installed on the observer's host (no " + artillery + "); install it with"
                    + " ./faultline artillery (npm install of deploy/artillery/package.json into"
                    + " .faultline/tools/artillery), or set faultline.load.artillery");
        }
        if (!Files.isRegularFile(pluginDir.resolve("artillery-plugin-faultline").resolve("index.js"))) {
            problems.add("Faultline's Artillery plugin is not in " + pluginDir
                    + " (deploy/artillery/plugins; set faultline.load.plugin-dir)");
        }
        if (load.script() != null && !Files.isRegularFile(Path.of(load.script()))) {
            problems.add("load.script: no such file on the observer's host: "
                    + Path.of(load.script()).toAbsolutePath().normalize());
        }
        if (!problems.isEmpty()) {
            throw new LoadTestUnavailableException(problems);
        }
    }

    /** Where run {@code runId}'s load test writes one line per response. */
    public Path responsesFile(String runId) {
        return LoadResultsFile.of(resultsDir, runId);
    }

    /** Where run {@code runId}'s load test writes its acknowledged writes (only with an order id field). */
    public Path writesFile(String runId) {
        return AcknowledgedWritesFile.of(resultsDir, runId);
    }

    /**
     * Starts run {@code runId}'s load test; {@code defaultDuration} applies when the section gives none.
     *
     * @throws LoadTestUnavailableException when this host cannot run it (nothing is started)
     * @throws UncheckedIOException         when its directory or the process cannot be made
     */
    public void start(String runId, LoadTest load, Duration defaultDuration) {
        requireRunnable(load);
        Path runDir = resultsDir.resolve(runId);
        try {
            Files.createDirectories(runDir);
            Path responses = responsesFile(runId);
            Files.deleteIfExists(responses);
            Files.createFile(responses);
            Path writes = writesFile(runId);
            Files.deleteIfExists(writes); // a second run with the same id must not read the first one's writes
            Path script;
            if (load.script() != null) {
                script = Path.of(load.script()).toAbsolutePath().normalize();
            } else {
                script = runDir.resolve(SCRIPT_FILE);
                Duration duration = load.duration() != null ? load.duration() : defaultDuration;
                Files.writeString(script, ArtilleryCommand.generatedScript(load, duration));
            }
            List<String> command = ArtilleryCommand.arguments(artillery, script, runDir.resolve(REPORT_FILE),
                    ArtilleryCommand.overrides(responses, writes, load.orderIdField()));
            Process process = starter.start(command, ArtilleryCommand.environment(pluginDir), runDir,
                    runDir.resolve(LOG_FILE));
            recordPid(runDir, process);
            Process previous = running.put(runId, process);
            if (previous != null) {
                terminate(runId, previous);
            }
            LOG.infof("run %s: load test started (Artillery pid %d), responses in %s, log %s", runId, process.pid(),
                    responses, runDir.resolve(LOG_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the load test of run " + runId + ": " + e.getMessage(), e);
        }
    }

    /** Whether run {@code runId}'s load test process is alive. */
    public boolean running(String runId) {
        Process process = running.get(runId);
        return process != null && process.isAlive();
    }

    /** Ends run {@code runId}'s load test, if it has one; harmless when it has already ended. */
    public void stop(String runId) {
        Process process = running.remove(runId);
        if (process != null) {
            terminate(runId, process);
            deleteQuietly(resultsDir.resolve(runId).resolve(PID_FILE));
        }
    }

    /**
     * After a restart of this observer: ends every load test that a previous observer process started and left
     * running (a child outlives its parent's kill -9), found by the pid files in the results directory. Runs before
     * this launcher starts any load test of its own, so a new run's pid file is never mistaken for a left-over one.
     */
    @PostConstruct
    void stopLeftOvers() {
        if (!Files.isDirectory(resultsDir)) {
            return;
        }
        try (var runDirs = Files.list(resultsDir)) {
            runDirs.filter(dir -> Files.exists(dir.resolve(PID_FILE)))
                    .forEach(dir -> stopLeftOver(dir.getFileName().toString()));
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("cannot list %s (%s); load tests left by a previous observer process are not stopped",
                    resultsDir, e.getMessage());
        }
    }

    /**
     * Ends the load test that a previous observer process started for {@code runId}, if it still runs: found by the
     * pid it recorded, and only if that pid's process started at the recorded instant (a pid can be reused).
     *
     * @return whether a load test was found running and stopped
     */
    boolean stopLeftOver(String runId) {
        Path pidFile = resultsDir.resolve(runId).resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return false;
        }
        try {
            String[] fields = Files.readString(pidFile).strip().split(" ");
            long pid = Long.parseLong(fields[0]);
            Instant started = Instant.ofEpochMilli(Long.parseLong(fields[1]));
            Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().startInstant().map(s -> sameInstant(s, started)).orElse(false));
            process.ifPresent(p -> terminate(runId, p));
            return process.isPresent();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("run %s: cannot read %s (%s); a load test left by the previous process is not stopped", runId,
                    pidFile, e.getMessage());
            return false;
        } finally {
            deleteQuietly(pidFile);
        }
    }

    private static void recordPid(Path runDir, Process process) throws IOException {
        Optional<Instant> started = ProcessHandle.of(process.pid()).flatMap(p -> p.info().startInstant());
        if (started.isPresent()) {
            Files.writeString(runDir.resolve(PID_FILE), process.pid() + " " + started.get().toEpochMilli() + "\n");
        }
    }

    /** The kernel gives start times in clock ticks; two readings of one process agree to well within a second. */
    private static boolean sameInstant(Instant a, Instant b) {
        return Duration.between(a, b).abs().compareTo(Duration.ofSeconds(1)) < 0;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale pid file is checked against the process's start instant before it is used
        }
    }

    /**
     * Ends every load test when the observer stops. The delayed SIGKILL of {@link #terminate} would die with this
     * process (and Artillery does not always heed SIGTERM), so the grace is waited out here before killing what is left.
     */
    @PreDestroy
    void stopAll() {
        Map<Process, List<ProcessHandle>> stopping = new java.util.HashMap<>();
        running.values().forEach(process -> stopping.put(process, process.descendants().toList()));
        running.keySet().forEach(this::stop);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        stopping.forEach((process, descendants) -> {
            try {
                process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        });
    }

    /**
     * SIGTERM to the process and its descendants, by pid (never by name), then SIGKILL to whatever is left after
     * {@link #STOP_GRACE}; does not block the caller.
     */
    private static void terminate(String runId, Process process) {
        if (!process.isAlive()) {
            LOG.infof("run %s: load test had already ended (exit %d)", runId, process.exitValue());
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        LOG.infof("run %s: load test stopped (SIGTERM to Artillery pid %d)", runId, process.pid());
        killAfterGrace(runId, descendants, process::isAlive, process::destroyForcibly, process.pid());
    }

    /** The same for a load test of a previous observer process, known only by its pid. */
    private static void terminate(String runId, ProcessHandle process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        LOG.warnf("run %s: load test left running by the previous observer process stopped (SIGTERM to pid %d)",
                runId, process.pid());
        killAfterGrace(runId, descendants, process::isAlive, process::destroyForcibly, process.pid());
    }

    private static void killAfterGrace(String runId, List<ProcessHandle> descendants,
            java.util.function.BooleanSupplier alive, Runnable kill, long pid) {
        CompletableFuture.runAsync(() -> {
            descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            if (alive.getAsBoolean()) {
                LOG.warnf("run %s: Artillery pid %d ignored SIGTERM for %s; killing it", runId, pid, STOP_GRACE);
                kill.run();
            }
        }, CompletableFuture.delayedExecutor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS));
    }
}
