import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * What probing many targets costs the observer, and how accurate it stays at that load (bench/observer-cost.sh).
 *
 * <p>This process owns the targets: N real HTTP servers on loopback, each on its own port, answering 200 or, while
 * the bench holds it down, 503. It starts the observer's probing (ObserverCostProbes: the observer's ProbeScheduler
 * and TimelineCalculator) as a separate process, so that its CPU is its own, read from /proc/PID/stat (utime +
 * stime) over the measured span, after a warm-up (class loading, JIT, connections). During that span it takes random
 * targets down for random, exactly known times (500..1500 ms, a few at once), telling the observer each planned
 * instant ahead as a run's plan does; the observer judges each outage with adaptive probing, as in a run.
 *
 * <p>Arguments: targets, interval (ms), measured seconds, adaptive interval (ms, 0 = off), adaptive after (ms),
 * accuracy goal (ms), CPU goal (percent of one core). System property clk.tck: the kernel's clock ticks per second
 * (getconf CLK_TCK). Last line: {@code targets=N interval_ms=P observer_cpu_pct=C max_abs_error_ms=E ...}.
 */
public final class ObserverCostBench {

    /** Class loading, the JIT's first compilations and the connections, before the measured span. */
    private static final Duration WARM_UP = Duration.ofSeconds(15);
    private static final int TARGETS_PER_OUTAGE = 3;

    public static void main(String[] args) throws Exception {
        int targets = intArg(args, 0, 100);
        long intervalMillis = intArg(args, 1, 100);
        int seconds = intArg(args, 2, 60);
        int adaptiveMillis = intArg(args, 3, 10);
        int afterMillis = intArg(args, 4, 2000);
        int errorGoalMillis = intArg(args, 5, adaptiveMillis > 0 ? adaptiveMillis + 5 : (int) intervalMillis);
        int cpuGoalPercent = intArg(args, 6, 25);
        long clockTicks = Long.getLong("clk.tck", 100);
        Clock clock = Clock.systemUTC();
        Random random = new Random(Long.getLong("seed", System.nanoTime()));

        ExecutorService serverThreads = Executors.newFixedThreadPool(4);
        List<HttpServer> servers = new ArrayList<>();
        List<AtomicBoolean> down = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < targets; i++) {
            AtomicBoolean isDown = new AtomicBoolean();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            server.createContext("/health", exchange -> {
                exchange.sendResponseHeaders(isDown.get() ? 503 : 200, -1);
                exchange.close();
            });
            server.setExecutor(serverThreads);
            server.start();
            servers.add(server);
            down.add(isDown);
            urls.add("http://127.0.0.1:" + server.getAddress().getPort() + "/health");
        }

        // the observer service's heap and flags (deploy/services.sh); -Dobserver.heap=512m to give it more
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + System.getProperty("observer.heap", "256m"), "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                "-Dorg.jboss.logging.provider=jdk"));
        // -Dobserver.jfr=FILE: a flight recording of the observer's probing (where its CPU goes); it costs CPU itself,
        // so a run that measures the cost goes without it
        String recording = System.getProperty("observer.jfr", "");
        if (!recording.isEmpty()) {
            command.add("-XX:StartFlightRecording=filename=" + recording + ",settings=profile");
        }
        command.addAll(List.of(Path.of(System.getProperty("bench.dir", "bench"), "ObserverCostProbes.java").toString(),
                String.valueOf(intervalMillis), String.valueOf(adaptiveMillis), String.valueOf(afterMillis)));
        command.addAll(urls);
        Process observer = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(observer.getInputStream(),
                    StandardCharsets.UTF_8));
            PrintWriter orders = new PrintWriter(observer.getOutputStream(), true, StandardCharsets.UTF_8);
            String first = out.readLine();
            while (first != null && first.startsWith("[") && !recording.isEmpty()) {
                System.err.println(first); // JFR's start-up lines, which it writes to stdout whatever -Xlog says
                first = out.readLine();
            }
            if (!"ready".equals(first)) {
                throw new IllegalStateException("the observer's probing did not start: " + first);
            }
            Thread.sleep(WARM_UP.toMillis());

            long cpuBefore = cpuTicks(observer.pid());
            long systemBefore = systemTicks(observer.pid());
            Map<String, Long> threadsBefore = threadTicks(observer.pid());
            long wallBefore = System.nanoTime();
            long endNanos = wallBefore + TimeUnit.SECONDS.toNanos(seconds);
            int outages = 0;
            while (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2_500) < endNanos) {
                List<Integer> hit = random.ints(0, targets).distinct().limit(Math.min(TARGETS_PER_OUTAGE, targets))
                        .boxed().toList();
                long outageMillis = 500 + random.nextInt(1001);
                long startNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300 + random.nextInt(300))
                        + random.nextInt(1_000_000);
                Instant planned = clock.instant().plusNanos(startNanos - System.nanoTime());
                hit.forEach(i -> orders.println("plan " + i + " " + planned));
                Instant downAt = flipAt(startNanos, hit, down, true, clock);
                Instant upAt = flipAt(startNanos + TimeUnit.MILLISECONDS.toNanos(outageMillis), hit, down, false,
                        clock);
                hit.forEach(i -> orders.println("outage " + i + " " + downAt + " " + upAt));
                outages += hit.size();
                Thread.sleep(700); // the recovery seen, the window closed
            }
            LockSupport.parkNanos(Math.max(0, endNanos - System.nanoTime()));
            long cpuAfter = cpuTicks(observer.pid());
            long systemAfter = systemTicks(observer.pid());
            Map<String, Long> threadsAfter = threadTicks(observer.pid());
            double wallSeconds = (System.nanoTime() - wallBefore) / 1e9;
            double cpuPercent = 100.0 * (cpuAfter - cpuBefore) / clockTicks / wallSeconds;
            // in the kernel: socket reads and writes, epoll, wake-ups of threads handing work to each other
            double systemPercent = 100.0 * (systemAfter - systemBefore) / clockTicks / wallSeconds;

            orders.println("end");
            String result = null;
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                System.err.println(line);
                result = line;
            }
            if (!observer.waitFor(30, TimeUnit.SECONDS) || result == null || !result.startsWith("max_abs_error_ms=")) {
                throw new IllegalStateException("the observer's probing gave no result: " + result);
            }
            // where the CPU went: per thread (numbered threads of one pool together), over the measured span
            threadsAfter.replaceAll((name, ticks) -> ticks - threadsBefore.getOrDefault(name, 0L));
            threadsAfter.entrySet().stream().filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> System.err.printf("  cpu by thread: %-28s %5.1f %%%n", e.getKey(),
                            100.0 * e.getValue() / clockTicks / wallSeconds));
            // "unseen" when an outage's recovery was not seen within its window (the probes fell behind)
            String error = result.split(" ")[0].substring("max_abs_error_ms=".length());
            boolean errorMet = !error.equals("unseen") && Long.parseLong(error) <= errorGoalMillis;
            System.err.printf("observer CPU %.1f %% of one core (%.1f %% of it in the kernel) over %.1f s (%d ticks at"
                    + " %d/s) with %d targets at %d ms; %d outages; goals: cpu < %d %%, max_abs_error_ms <= %d%n",
                    cpuPercent, systemPercent, wallSeconds,
                    cpuAfter - cpuBefore, clockTicks, targets, intervalMillis, outages, cpuGoalPercent, errorGoalMillis);
            System.out.printf("targets=%d interval_ms=%d observer_cpu_pct=%.1f max_abs_error_ms=%s outages=%d"
                    + " adaptive_interval_ms=%d seconds=%d%n", targets, intervalMillis, cpuPercent, error, outages,
                    adaptiveMillis, seconds);
            System.exit(cpuPercent < cpuGoalPercent && errorMet ? 0 : 1);
        } finally {
            observer.destroyForcibly();
            servers.forEach(s -> s.stop(0));
            serverThreads.shutdownNow();
        }
    }

    /** utime + stime of a process, in clock ticks, from /proc/PID/stat (fields 14 and 15). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        // the command name (field 2) may hold spaces; the fields after it follow its closing parenthesis
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** stime of a process (its CPU in the kernel), in clock ticks, from /proc/PID/stat (field 15). */
    private static long systemTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[12]);
    }

    /**
     * utime + stime per thread of a process, from /proc/PID/task/TID/stat, summed by thread name without its
     * number (the threads of one pool together); threads that ended since are not in it.
     */
    private static Map<String, Long> threadTicks(long pid) throws IOException {
        Map<String, Long> byName = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[#-]?\\d+$", "");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    byName.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while being read
                }
            }
        }
        return byName;
    }

    /** Sleeps until shortly before {@code nanos}, spins to it, flips the targets and returns the flip instant. */
    private static Instant flipAt(long nanos, List<Integer> hit, List<AtomicBoolean> down, boolean value,
            Clock clock) {
        long early = nanos - 2_000_000;
        while (System.nanoTime() < early) {
            LockSupport.parkNanos(Math.min(early - System.nanoTime(), 50_000_000));
        }
        while (System.nanoTime() < nanos) {
            Thread.onSpinWait();
        }
        hit.forEach(i -> down.get(i).set(value));
        return clock.instant();
    }

    private static int intArg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
