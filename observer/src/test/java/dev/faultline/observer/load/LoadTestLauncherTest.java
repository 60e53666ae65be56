package dev.faultline.observer.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.faultline.common.experiment.LoadTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadTestLauncherTest {

    private static final LoadTest URL_LOAD = new LoadTest(null, "http://127.0.0.1:18100/products", null, null, 10,
            null, "orderId");

    @TempDir
    Path dir;

    @Test
    void refusesToStartWithoutArtilleryAndSaysHowToInstallIt() throws IOException {
        Path plugins = pluginDir();
        List<List<String>> started = new ArrayList<>();
        LoadTestLauncher launcher = new LoadTestLauncher(dir.resolve("runs"), dir.resolve("missing/artillery"), plugins,
                (command, env, cwd, log) -> {
                    started.add(command);
                    return new FakeProcess();
                });

        assertThatThrownBy(() -> launcher.start("run-1", URL_LOAD, Duration.ofSeconds(10)))
                .isInstanceOf(LoadTestUnavailableException.class)
                .hasMessageContaining("Artillery is not installed")
                .hasMessageContaining("./faultline artillery");
        assertThat(started).isEmpty();
    }

    @Test
    void refusesAScriptThatIsNotOnThisHost() throws IOException {
        LoadTestLauncher launcher = new LoadTestLauncher(dir.resolve("runs"), fakeArtillery(), pluginDir(),
                (command, env, cwd, log) -> new FakeProcess());
        LoadTest load = new LoadTest(dir.resolve("nope.yml").toString(), null, null, null, null, null, null);

        assertThatThrownBy(() -> launcher.start("run-1", load, Duration.ofSeconds(5)))
                .isInstanceOf(LoadTestUnavailableException.class)
                .hasMessage("load.script: no such file on the observer's host: " + dir.resolve("nope.yml"));
        assertThat(dir.resolve("runs/run-1")).as("nothing is made for a load test that cannot start").doesNotExist();
    }

    @Test
    void startsArtilleryInTheRunDirectoryWithThePluginWritingTheObserversFile() throws IOException {
        Path artillery = fakeArtillery();
        Path plugins = pluginDir();
        List<Object[]> calls = new ArrayList<>();
        FakeProcess process = new FakeProcess();
        LoadTestLauncher launcher = new LoadTestLauncher(dir.resolve("runs"), artillery, plugins,
                (command, env, cwd, log) -> {
                    calls.add(new Object[] {command, env, cwd, log});
                    return process;
                });

        launcher.start("run-1", URL_LOAD, Duration.ofSeconds(25));

        Path runDir = dir.resolve("runs/run-1").toAbsolutePath();
        assertThat(calls).hasSize(1);
        @SuppressWarnings("unchecked")
        List<String> command = (List<String>) calls.get(0)[0];
        assertThat(command).containsExactly(artillery.toString(), "run", "--output",
                runDir.resolve("artillery-report.json").toString(), "--overrides",
                ArtilleryCommand.overrides(runDir.resolve("responses.csv"), runDir.resolve("writes.jsonl"), "orderId"),
                runDir.resolve("load.json").toString());
        assertThat(calls.get(0)[1]).isEqualTo(Map.of("ARTILLERY_PLUGIN_PATH", plugins.toString(),
                "ARTILLERY_DISABLE_TELEMETRY", "true"));
        assertThat(calls.get(0)[2]).isEqualTo(runDir);
        assertThat(calls.get(0)[3]).isEqualTo(runDir.resolve("artillery.log"));
        assertThat(runDir.resolve("responses.csv")).exists().isEmptyFile();
        assertThat(Files.readString(runDir.resolve("load.json"))).contains("\"duration\":25");
        assertThat(launcher.running("run-1")).isTrue();

        launcher.stop("run-1");
        assertThat(process.destroyed).isTrue();
        assertThat(launcher.running("run-1")).isFalse();
        launcher.stop("run-1"); // harmless a second time
        launcher.stop("never-started");
    }

    @Test
    void aScriptLoadTestRunsTheUsersScriptByItsAbsolutePath() throws IOException {
        Path script = Files.writeString(dir.resolve("my-load.yml"), "config: {target: http://127.0.0.1:1}\n");
        List<List<String>> commands = new ArrayList<>();
        LoadTestLauncher launcher = new LoadTestLauncher(dir.resolve("runs"), fakeArtillery(), pluginDir(),
                (command, env, cwd, log) -> {
                    commands.add(command);
                    return new FakeProcess();
                });

        launcher.start("run-2", new LoadTest(script.toString(), null, null, null, null, null, null),
                Duration.ofSeconds(5));

        assertThat(commands.get(0)).last().isEqualTo(script.toAbsolutePath().toString());
        assertThat(dir.resolve("runs/run-2/load.json")).doesNotExist();
    }

    /** The real starter with a stand-in for Artillery: logs its arguments, then waits to be stopped by its pid. */
    @Test
    void stopEndsTheRealChildProcessAndItsOutputGoesToTheLog() throws Exception {
        Path artillery = dir.resolve("artillery");
        Files.writeString(artillery, "#!/bin/sh\necho \"args: $*\"\necho \"plugins: $ARTILLERY_PLUGIN_PATH\"\n"
                + "exec sleep 60\n");
        Files.setPosixFilePermissions(artillery, PosixFilePermissions.fromString("rwx------"));
        LoadTestLauncher launcher = new LoadTestLauncher(dir.resolve("runs"), artillery, pluginDir(),
                LoadTestLauncher.ProcessStarter.SYSTEM);

        launcher.start("run-3", URL_LOAD, Duration.ofSeconds(5));
        Path log = dir.resolve("runs/run-3/artillery.log");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> Files.readString(log).contains("plugins:"));
        assertThat(Files.readString(log)).contains("args: run --output").contains("plugins: " + pluginDir());
        assertThat(launcher.running("run-3")).isTrue();

        launcher.stop("run-3");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> !launcher.running("run-3"));
        assertThat(launcher.running("run-3")).isFalse();
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().command().orElse("").endsWith("sleep"))
                .filter(p -> p.info().arguments().map(a -> a.length == 1 && a[0].equals("60")).orElse(false))
                .filter(p -> p.parent().map(pp -> pp.pid() == ProcessHandle.current().pid()).orElse(false))
                .count()).isZero();
    }

    /** At the observer's shutdown no delayed SIGKILL would come: a load test that ignores SIGTERM is killed there. */
    @Test
    void stopAllAtShutdownKillsALoadTestThatIgnoresSigterm() throws Exception {
        Path artillery = dir.resolve("artillery");
        Files.writeString(artillery, "#!/bin/sh\ntrap '' TERM\nexec sleep 60\n");
        Files.setPosixFilePermissions(artillery, PosixFilePermissions.fromString("rwx------"));
        LoadTestLauncher launcher = new LoadTestLauncher(dir.resolve("runs"), artillery, pluginDir(),
                LoadTestLauncher.ProcessStarter.SYSTEM);
        launcher.start("run-8", URL_LOAD, Duration.ofSeconds(60));
        Path pidFile = dir.resolve("runs/run-8/" + LoadTestLauncher.PID_FILE);
        ProcessHandle process = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip().split(" ")[0]))
                .orElseThrow();
        // until the trap is set and sleep runs, SIGTERM would still end the shell
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> process.info().command().orElse("").endsWith("sleep"));
        assertThat(process.info().command()).hasValueSatisfying(c -> assertThat(c).endsWith("sleep"));

        launcher.stopAll();

        assertThat(process.onExit().get(2, TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(launcher.running("run-8")).isFalse();
    }

    /** kill -9 of the observer leaves its Artillery running: the next process finds it by its pid file. */
    @Test
    void theNextObserverProcessStopsTheLoadTestThePreviousOneLeftRunning() throws Exception {
        Path artillery = dir.resolve("artillery");
        Files.writeString(artillery, "#!/bin/sh\nexec sleep 60\n");
        Files.setPosixFilePermissions(artillery, PosixFilePermissions.fromString("rwx------"));
        LoadTestLauncher dead = new LoadTestLauncher(dir.resolve("runs"), artillery, pluginDir(),
                LoadTestLauncher.ProcessStarter.SYSTEM);
        dead.start("run-4", URL_LOAD, Duration.ofSeconds(60));
        Path pidFile = dir.resolve("runs/run-4/" + LoadTestLauncher.PID_FILE);
        long pid = Long.parseLong(Files.readString(pidFile).strip().split(" ")[0]);
        ProcessHandle left = ProcessHandle.of(pid).orElseThrow();

        // A new process: nothing in memory, only the run directory.
        LoadTestLauncher next = new LoadTestLauncher(dir.resolve("runs"), artillery, pluginDir(),
                LoadTestLauncher.ProcessStarter.SYSTEM);
        assertThat(next.stopLeftOver("run-4")).isTrue();
        assertThat(left.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(pidFile).doesNotExist();
        assertThat(next.stopLeftOver("run-4")).as("a second call finds nothing").isFalse();
        assertThat(next.stopLeftOver("run-never-started")).isFalse();
    }

    /** At its start the next process looks through every run directory, since it does not know the runs. */
    @Test
    void atStartTheNextObserverProcessStopsEveryLoadTestLeftRunningAndNoOtherProcess() throws Exception {
        Path artillery = dir.resolve("artillery");
        Files.writeString(artillery, "#!/bin/sh\nexec sleep 60\n");
        Files.setPosixFilePermissions(artillery, PosixFilePermissions.fromString("rwx------"));
        LoadTestLauncher dead = new LoadTestLauncher(dir.resolve("runs"), artillery, pluginDir(),
                LoadTestLauncher.ProcessStarter.SYSTEM);
        dead.start("run-6", URL_LOAD, Duration.ofSeconds(60));
        dead.start("run-7", URL_LOAD, Duration.ofSeconds(60));
        List<ProcessHandle> left = Stream.of("run-6", "run-7").map(run -> {
            try {
                String pid = Files.readString(dir.resolve("runs").resolve(run).resolve(LoadTestLauncher.PID_FILE));
                return ProcessHandle.of(Long.parseLong(pid.strip().split(" ")[0])).orElseThrow();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
        Files.createDirectories(dir.resolve("runs/run-without-load-test"));
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        try {
            new LoadTestLauncher(dir.resolve("runs"), artillery, pluginDir(), LoadTestLauncher.ProcessStarter.SYSTEM)
                    .stopLeftOvers();

            for (ProcessHandle process : left) {
                assertThat(process.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
            }
            assertThat(dir.resolve("runs/run-6/" + LoadTestLauncher.PID_FILE)).doesNotExist();
            assertThat(unrelated.isAlive()).isTrue();
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void atStartWithoutAResultsDirectoryThereIsNothingToStop() {
        new LoadTestLauncher(dir.resolve("never-made"), dir.resolve("artillery"), dir.resolve("plugins"),
                (command, env, cwd, log) -> {
                    throw new AssertionError("nothing is started");
                }).stopLeftOvers();
        assertThat(dir.resolve("never-made")).doesNotExist();
    }

    @Test
    void aRecordedPidNowHeldByAnotherProcessIsLeftAlone() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Path runDir = Files.createDirectories(dir.resolve("runs/run-5"));
            // The pid of a live process, but a start instant that is not its own: the pid was reused.
            Files.writeString(runDir.resolve(LoadTestLauncher.PID_FILE), other.pid() + " 1000\n");
            LoadTestLauncher next = new LoadTestLauncher(dir.resolve("runs"), fakeArtillery(), pluginDir(),
                    LoadTestLauncher.ProcessStarter.SYSTEM);

            assertThat(next.stopLeftOver("run-5")).isFalse();
            assertThat(other.isAlive()).isTrue();
        } finally {
            other.destroyForcibly();
        }
    }

    private Path fakeArtillery() throws IOException {
        Path artillery = dir.resolve("bin/artillery");
        Files.createDirectories(artillery.getParent());
        Files.writeString(artillery, "#!/bin/sh\n");
        Files.setPosixFilePermissions(artillery, PosixFilePermissions.fromString("rwx------"));
        return artillery;
    }

    private Path pluginDir() throws IOException {
        Path plugins = dir.resolve("plugins");
        Files.createDirectories(plugins.resolve("artillery-plugin-faultline"));
        Files.writeString(plugins.resolve("artillery-plugin-faultline/index.js"), "");
        return plugins;
    }

    /** A process that runs until destroyed. */
    static final class FakeProcess extends Process {
        volatile boolean destroyed;

        @Override
        public OutputStream getOutputStream() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(new byte[0]);
        }

        @Override
        public InputStream getErrorStream() {
            return new ByteArrayInputStream(new byte[0]);
        }

        @Override
        public int waitFor() {
            return 0;
        }

        @Override
        public int exitValue() {
            if (!destroyed) {
                throw new IllegalThreadStateException("running");
            }
            return 143;
        }

        @Override
        public void destroy() {
            destroyed = true;
        }

        @Override
        public boolean isAlive() {
            return !destroyed;
        }

        @Override
        public long pid() {
            return 424242;
        }

        @Override
        public Stream<ProcessHandle> descendants() {
            return Stream.empty();
        }
    }
}
