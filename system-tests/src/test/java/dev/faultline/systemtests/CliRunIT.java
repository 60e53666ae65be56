package dev.faultline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.cli.CliEnvironment;
import dev.faultline.cli.ExitCode;
import dev.faultline.cli.FaultlineCli;
import dev.faultline.testsupport.TestContainers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's {@code run} against the four real services: a container really killed, the verdict judged by the real
 * observer, and the exit code a CI pipeline gates on. Driven in-process through the CLI's picocli entry point, with
 * this stack's URLs and token in its environment, as {@code ./faultline run} passes them.
 */
class CliRunIT {

    @RegisterExtension
    static final SystemTestStack system = SystemTestStack.create();

    @TempDir
    Path dir;

    record Result(int exitCode, String out, String err) {
    }

    static String experiment(String name, TestContainers.Started target, int minAvailabilityPercent) {
        // A 4 s warm-up: the live lines must show the probe passing before the kill, and the observer's progress
        // comes about once a second after it starts observing, through two Kafka hops and the CLI's polling.
        // A 200 ms probe timeout: while the killed container's network namespace is gone, a new connection through
        // Docker's port proxy may hang until the restarted container takes it, and a probe that waits that long
        // would pass; a client with a short timeout, like this probe, sees the outage every time.
        return Experiments.OneFault.on(name, target.url("/health"), target.name()).timing("6s", "4s")
                .minAvailability(minAvailabilityPercent).probeTimeout(Duration.ofMillis(200)).yaml();
    }

    @Test
    void aContainerKillThatRecoversExits0WithItsVerdictTable() throws Exception {
        TestContainers.Started target = system.announcedDemoTarget("faultline-cli-pass", Map.of("app", "cli-pass"));
        Path file = Files.writeString(dir.resolve("kill.yaml"), experiment("cli-container-kill", target, 50));

        Path html = dir.resolve("reports/kill.html");
        Path junit = dir.resolve("reports/kill.xml");

        Result run = cli(stackEnvironment(), "run", file.toString(), "--html", html.toString(), "--junit",
                junit.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.PASS);
        // The reporter's files, fetched once it wrote them.
        assertThat(Files.readString(html)).contains("<svg").contains("cli-container-kill");
        assertThat(Files.readString(junit)).contains("<testsuite").contains("max-recovery-time");
        assertThat(run.out()).contains("HTML report:  " + html, "JUnit report: " + junit);
        // Piped (no terminal): one timestamped line per change, the fault with its instant, then the verdict table.
        assertThat(run.out()).containsPattern("\\d\\d:\\d\\d:\\d\\d phase warm-up")
                .containsPattern("fault \\S+ \\(container-kill on " + target.name() + "\\) injected at "
                        + "\\d\\d:\\d\\d:\\d\\d\\.\\d{3}")
                // The observer's live progress: the probe passing, failing while the container is down, passing again.
                .containsPattern("probe target-health none -> ok")
                .containsPattern("probe target-health ok -> failed \\(availability \\d+\\.\\d{3} %")
                .containsPattern("probe target-health failed -> ok")
                .containsPattern("max-recovery-time\\s+30\\.000 s\\s+\\d+\\.\\d{3} s\\s+PASS")
                .containsPattern("min-availability\\s+50\\.000 %\\s+\\d+\\.\\d{3} %\\s+PASS")
                .containsPattern("Resilience score: 100/100")
                .contains("Verdict: PASS", "/api/v1/reports/");
        assertThat(run.out()).doesNotContain("\u001b[");
    }

    @Test
    void anExperimentThatMustFailExits1() throws Exception {
        TestContainers.Started target = system.announcedDemoTarget("faultline-cli-fail", Map.of("app", "cli-fail"));
        // A killed container is down for a while: 100 % availability cannot be met.
        Path file = Files.writeString(dir.resolve("strict.yaml"), experiment("cli-must-fail", target, 100));

        Result run = cli(stackEnvironment(), "run", file.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.FAIL);
        assertThat(run.out()).containsPattern("min-availability\\s+100\\.000 %\\s+\\d+\\.\\d{3} %\\s+FAIL")
                .contains("Verdict: FAIL");
    }

    @Test
    void aMalformedFileExits2WithFieldMessagesWithoutContactingTheServer() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), """
                name: bad one
                duration: 5s
                steadyState:
                  probes: [{name: p, url: "http://127.0.0.1:1/health"}]
                faults:
                  - target: {selector: {name: x}}
                    fault: {type: container-explode}
                """);
        // A closed port: any attempt to contact a server would exit 4, not 2.
        Result run = cli(Map.of("FAULTLINE_URL", closedPort(), "FAULTLINE_TOKEN", "unused"), "run", file.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.INVALID);
        assertThat(run.err()).contains("is not a valid experiment", "nothing was sent",
                "faults[0].fault.type: 'container-explode' is not a known fault type");
    }

    @Test
    void anUnreachableFaultlineExits4AndSaysWhatToDo() throws Exception {
        Path file = Files.writeString(dir.resolve("ok.yaml"), """
                name: unreachable
                duration: 5s
                steadyState:
                  probes: [{name: p, url: "http://127.0.0.1:1/health"}]
                faults:
                  - target: {selector: {name: x}}
                    fault: {type: container-kill}
                """);
        Result run = cli(Map.of("FAULTLINE_URL", closedPort(), "FAULTLINE_TOKEN", "unused"), "run", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(run.err()).contains("Faultline is unreachable", "./faultline services start");
    }

    @Test
    void aScheduleIsAddedListedPausedResumedAndRemovedThroughTheRealOrchestrator() throws Exception {
        // Nothing runs: the cron falls on 1 January at 03:00 only, and the schedule is removed right away. A window
        // without days is stored as every day (MON-SUN).
        Path file = Files.writeString(dir.resolve("scheduled.yaml"), """
                name: cli-scheduled
                duration: 5s
                steadyState:
                  probes: [{name: p, url: "http://127.0.0.1:1/health"}]
                faults:
                  - target: {selector: {name: cli-scheduled-nothing}}
                    fault: {type: container-kill}
                """);
        Map<String, String> env = stackEnvironment();

        Result refused = cli(env, "schedule", "add", file.toString(), "--cron", "0 3 1 1 *", "--zone", "Mars/Olympus");
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(ExitCode.INVALID);
        assertThat(refused.err()).contains("HTTP 400", "  cron: ", "  zone: ");

        Result added = cli(env, "schedule", "add", file.toString(), "--cron", "0 0 3 1 1 ?", "--zone", "Europe/Paris",
                "--window", "09:00-17:00", "--window", "00:00-06:00", "--announce-ahead", "1m");
        assertThat(added.exitCode()).as(added.out() + added.err()).isZero();
        java.util.regex.Matcher id = java.util.regex.Pattern
                .compile("Schedule (\\S+) added for cli-scheduled \\(experiment sha256 [0-9a-f]{64}\\)")
                .matcher(added.out());
        assertThat(id.find()).as(added.out()).isTrue();
        String scheduleId = id.group(1);
        // 03:00 in Paris on 1 January is 02:00 UTC.
        assertThat(added.out()).containsPattern("next start .*\\d{4}-01-01T02:00:00Z")
                .containsPattern("announced .*\\d{4}-01-01T01:59:00Z");

        Result list = cli(env, "schedule", "list");
        assertThat(list.out()).containsPattern(scheduleId + "\\s+cli-scheduled\\s+0 0 3 1 1 \\?\\s+Europe/Paris\\s+no");
        assertThat(cli(env, "schedule", "pause", scheduleId).out()).contains("paused");
        assertThat(cli(env, "schedule", "list").out()).containsPattern(scheduleId + ".*Europe/Paris\\s+yes");
        assertThat(cli(env, "schedule", "resume", scheduleId).out()).contains("resumed", "next start");
        Result show = cli(env, "schedule", "show", scheduleId);
        assertThat(show.out()).contains("windows            MON-SUN 09:00-17:00, MON-SUN 00:00-06:00",
                "No occurrence handled yet.");

        assertThat(cli(env, "schedule", "remove", scheduleId).exitCode()).isZero();
        Result gone = cli(env, "schedule", "show", scheduleId);
        assertThat(gone.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(gone.err()).contains("HTTP 404", "./faultline schedule list");
        assertThat(cli(env, "schedule", "list").out()).doesNotContain(scheduleId);
    }

    private Map<String, String> stackEnvironment() {
        FaultlineStack stack = system.stack();
        return Map.of("FAULTLINE_URL", stack.url(FaultlineStack.Service.ORCHESTRATOR, "").toString(),
                "FAULTLINE_REPORTER_URL", stack.url(FaultlineStack.Service.REPORTER, "").toString(),
                "FAULTLINE_TOKEN", stack.operatorToken);
    }

    private Result cli(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FaultlineCli.execute(CliEnvironment.captured(environment, dir, new PrintWriter(out, true),
                new PrintWriter(err, true), Clock.systemDefaultZone()), args);
        return new Result(code, out.toString(), err.toString());
    }

    private static String closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
