package dev.faultline.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.cli.ExitCode;
import dev.faultline.cli.progress.RunViews;
import dev.faultline.cli.terminal.Interrupts;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The commands end to end against {@link FakeFaultline}: arguments, requests, output and exit codes. */
class CommandsTest {

    static final String EXPERIMENT = """
            name: demo-container-kill
            duration: 20s
            steadyState:
              warmup: 3s
              probes:
                - name: demo-health
                  url: http://127.0.0.1:18090/health
            faults:
              - target:
                  selector: {name: faultline-demo-target}
                fault:
                  type: container-kill
            """;

    @TempDir
    Path dir;
    FakeFaultline fake;
    Map<String, String> env;
    Path experiment;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeFaultline();
        env = Map.of("FAULTLINE_URL", fake.url(), "FAULTLINE_REPORTER_URL", fake.url(), "FAULTLINE_TOKEN", "t0ken");
        experiment = Files.writeString(dir.resolve("demo.yaml"), EXPERIMENT);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "validate", "runs", "show", "report", "halt", "resume", "schedule", "agents",
        "faults"})
    void everyCommandHasItsHelp(String command) {
        Invocation help = Invocation.of(env, dir, command, "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: faultline " + command);
        assertThat(fake.requests).isEmpty();
    }

    @Test
    void theTopLevelHelpListsEveryCommandAndTheExitCodes() {
        Invocation help = Invocation.of(env, dir, "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("run", "validate", "runs", "show", "report", "halt", "agents", "faults",
                "4 Faultline unreachable");
    }

    @Test
    void aMalformedFileExits2WithFieldMessagesWithoutContactingTheServer() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), EXPERIMENT.replace("container-kill", "container-kil"));
        Invocation run = Invocation.of(env, dir, "run", bad.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(run.err()).contains("is not a valid experiment", "nothing was sent",
                "faults[0].fault.type: 'container-kil' is not a known fault type");
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
        assertThat(fake.requests).as("requests the server got").isEmpty();
        assertThat(Invocation.of(env, dir, "validate", bad.toString()).exitCode()).isEqualTo(ExitCode.INVALID);
    }

    @Test
    void aMissingFileOrABadOptionIsInvalidToo() {
        assertThat(Invocation.of(env, dir, "run", dir.resolve("none.yaml").toString()).err())
                .contains("no experiment file");
        assertThat(Invocation.of(env, dir, "run", "--frobnicate", experiment.toString()).exitCode())
                .isEqualTo(ExitCode.INVALID);
        assertThat(Invocation.of(env, dir, "report", "run-1", "--html", "--md").exitCode())
                .as("one format at most").isEqualTo(ExitCode.INVALID);
        Invocation reportsWithoutWaiting = Invocation.of(env, dir, "run", "--no-wait", "--junit", "x.xml",
                experiment.toString());
        assertThat(reportsWithoutWaiting.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(reportsWithoutWaiting.err()).contains("not with --no-wait");
        assertThat(fake.requests).isEmpty();
    }

    @Test
    void validateIsLocalUnlessAskedForTheServersDryRun() {
        Invocation local = Invocation.of(env, dir, "validate", experiment.toString());
        assertThat(local.exitCode()).isZero();
        assertThat(local.out()).contains("valid experiment demo-container-kill (1 fault step(s), 1 probe(s)");
        assertThat(fake.requests).isEmpty();

        fake.startStatus = 200;
        fake.startBody = "{\"plan\":[{\"faultId\":\"f-1\",\"target\":{\"agentId\":\"a-1\",\"containerName\":\"t\"},"
                + "\"fault\":{\"type\":\"container-kill\"},\"startAfter\":\"0s\"}],\"agents\":[{\"agentId\":\"a-1\","
                + "\"hostname\":\"h\",\"faults\":1}]}";
        Invocation server = Invocation.of(env, dir, "validate", "--server", experiment.toString());
        assertThat(server.exitCode()).isZero();
        assertThat(server.out()).contains("f-1    container-kill  t       a-1");
        assertThat(fake.requests).singleElement().satisfies(r -> {
            assertThat(r.query()).isEqualTo("dryRun=true");
            assertThat(r.contentType()).isEqualTo("application/yaml");
            assertThat(r.authorization()).isEqualTo("Bearer t0ken");
            assertThat(r.body()).isEqualTo(EXPERIMENT);
        });
    }

    @Test
    void anUnreachableServerExits4AndSaysHowToStartIt() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Invocation run = Invocation.of(Map.of("FAULTLINE_TOKEN", "t"), dir, "run", "--url",
                "http://127.0.0.1:" + closed, experiment.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(run.err()).contains("Faultline is unreachable", "127.0.0.1:" + closed,
                "./faultline services start");
    }

    @Test
    void aPassingRunExits0WithTheVerdictTableAndWritesTheReports() throws Exception {
        fake.polls.add(RunViews.text("warm-up"));
        fake.polls.add(RunViews.text("faults"));
        fake.polls.add(RunViews.text("completed-pass"));
        fake.reportMisses.set(2);
        Path html = dir.resolve("out/demo.html");
        Path junit = dir.resolve("out/demo.xml");
        Invocation run = Invocation.of(env, dir, "run", experiment.toString(), "--html", html.toString(), "--junit",
                junit.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.PASS);
        assertThat(run.out()).contains("phase warm-up", "fault f-1 (container-kill on faultline-demo-target) "
                + "injected at", "SLO breached: min-availability", "run completed: verdict PASS",
                "max-recovery-time  30.000 s   1.427 s   PASS", "Verdict: PASS", "HTML report:  " + html,
                "JUnit report: " + junit);
        assertThat(Files.readString(html)).isEqualTo("<html>report of run-20261201-132202-a1b2c3 format=html</html>");
        assertThat(Files.readString(junit)).contains("format=junit");
        assertThat(fake.requests.get(0).contentType()).isEqualTo("application/yaml");
    }

    @Test
    void aFailingRunExits1() {
        fake.polls.add(RunViews.text("faults"));
        fake.polls.add(RunViews.text("completed-fail"));
        Invocation run = Invocation.of(env, dir, "run", experiment.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.FAIL);
        assertThat(run.out()).contains("min-availability   90.000 %   70.000 %  FAIL", "Verdict: FAIL");
    }

    @Test
    void aReportThatNeverComesTurnsAPassInto4() {
        fake.polls.add(RunViews.text("completed-pass"));
        fake.reportMisses.set(1000);
        Invocation run = Invocation.of(env, dir, "run", experiment.toString(), "--junit",
                dir.resolve("x.xml").toString(), "--report-timeout", "1");
        assertThat(run.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(run.out()).contains("Verdict: PASS");
        assertThat(run.err()).contains("has no junit report of run run-20261201-132202-a1b2c3 after 1 s");
    }

    @Test
    void aRefusalExits2WithTheServersFieldMessages() {
        fake.startStatus = 422;
        fake.startBody = "{\"error\":\"the experiment is valid but its targets cannot be resolved now\","
                + "\"violations\":[{\"field\":\"faults[0].target\",\"message\":\"no live agent reports a container "
                + "named faultline-demo-target\"}]}";
        Invocation run = Invocation.of(env, dir, "run", experiment.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(run.err()).contains("the orchestrator refused (HTTP 422): the experiment is valid but its targets",
                "  faults[0].target: no live agent reports a container named faultline-demo-target");
    }

    @Test
    void anUnauthorizedTokenIsARefusalThatSaysWhereTokensComeFrom() {
        fake.startStatus = 401;
        fake.startBody = "{\"error\":\"a valid bearer token is required\"}";
        Invocation run = Invocation.of(env, dir, "run", experiment.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(run.err()).contains("HTTP 401", "FAULTLINE_TOKEN", "./faultline up");
    }

    @Test
    void withoutAnyTokenNothingIsSent() {
        Invocation run = Invocation.of(Map.of("FAULTLINE_URL", fake.url(), "FAULTLINE_HOME", dir.toString()), dir,
                "run", experiment.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(run.err()).contains("no API token", "./faultline up");
        assertThat(fake.requests).isEmpty();
    }

    @Test
    void ctrlCWithoutATerminalAbortsTheRunWithoutAskingAndExits3() {
        fake.polls.add(RunViews.text("warm-up"));
        fake.abortedView = RunViews.text("aborted");
        Invocation run = Invocation.of(env, dir, pressedAfter(1), "run", experiment.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.ABORTED);
        assertThat(run.out()).contains("aborting run run-20261201-132202-a1b2c3 without asking (standard input is "
                + "not a terminal)", "Run run-20261201-132202-a1b2c3 ABORTED: aborted by local-cli");
        assertThat(fake.requests).anySatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/api/v1/runs/run-20261201-132202-a1b2c3/abort");
            assertThat(r.query()).contains("reason=aborted%20from%20the%20CLI");
        });
    }

    @Test
    void noWaitPrintsTheRunIdAndReturns() {
        Invocation run = Invocation.of(env, dir, "run", "--no-wait", experiment.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo("run-20261201-132202-a1b2c3");
        assertThat(fake.requests).hasSize(1);
    }

    @Test
    void runsReadsTheOldArrayAndTheNewPagedAnswerNewestFirst() {
        String older = RunViews.json("completed-fail").toString();
        String newer = RunViews.json("completed-pass").toString()
                .replace("\"createdAt\":\"2026-12-01T13:22:02.000Z\"", "\"createdAt\":\"2026-12-01T14:00:00.000Z\"")
                .replace("run-20261201-132202-a1b2c3", "run-20261201-140000-d4e5f6");
        fake.runsBody = "[" + older + "," + newer + "]";
        Invocation array = Invocation.of(env, dir, "runs");
        fake.runsBody = "{\"runs\":[" + newer + "," + older + "],\"nextPageToken\":null}";
        Invocation paged = Invocation.of(env, dir, "runs", "--experiment", "demo-container-kill", "--last", "1");
        assertThat(array.exitCode()).isZero();
        assertThat(array.out().lines().skip(2).map(l -> l.substring(0, 26)).toList())
                .containsExactly("run-20261201-140000-d4e5f6", "run-20261201-132202-a1b2c3");
        assertThat(array.out()).contains("PASS     2 of 2          100", "FAIL     0 of 2          0");
        assertThat(paged.out().lines().skip(2)).singleElement().asString().startsWith("run-20261201-140000-d4e5f6");
        assertThat(fake.requests.get(1).query()).isEqualTo("experiment=demo-container-kill&limit=1");
    }

    @Test
    void showPrintsTheRunsStoryAndItsVerdict() {
        fake.polls.add(RunViews.text("completed-pass"));
        Invocation show = Invocation.of(env, dir, "show", "run-20261201-132202-a1b2c3");
        assertThat(show.exitCode()).isZero();
        assertThat(show.out()).contains("State COMPLETED", "f-1    container-kill", "Verdict: PASS");
        Invocation json = Invocation.of(env, dir, "show", "--json", "run-20261201-132202-a1b2c3");
        assertThat(json.out()).contains("\"experimentName\" : \"demo-container-kill\"");
    }

    @Test
    void reportWritesTheFormatAskedFor() throws Exception {
        Path out = dir.resolve("r.html");
        Invocation report = Invocation.of(env, dir, "report", "run-1", "--html", "-o", out.toString());
        assertThat(report.exitCode()).isZero();
        assertThat(Files.readString(out)).contains("format=html");
        fake.reportMisses.set(1);
        Invocation missing = Invocation.of(env, dir, "report", "run-1");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(missing.err()).contains("has no md report of run run-1");
    }

    @Test
    void aJsonExperimentIsSentAsJson() throws Exception {
        Path json = Files.writeString(dir.resolve("demo.json"), """
                {"name": "j", "duration": "5s", "steadyState": {"probes": [{"name": "p", "url": "http://127.0.0.1:1/"}]},
                 "faults": [{"target": {"selector": {"name": "t"}}, "fault": {"type": "container-kill"}}]}
                """);
        assertThat(Invocation.of(env, dir, "run", "--no-wait", json.toString()).exitCode()).isZero();
        assertThat(fake.requests).singleElement().extracting(FakeFaultline.Request::contentType)
                .isEqualTo("application/json");
    }

    @Test
    void agentsAndFaultsShowWhatTheLiveAgentsReport() {
        fake.agentsBody = """
                [{"agentId": "agent-a", "hostname": "host-a", "lastHeartbeat": "2026-12-01T13:22:00Z", "live": true,
                  "containers": [{"id": "1", "name": "web-1", "state": "running"}, {"id": "2", "name": "web-2",
                  "state": "exited"}],
                  "capabilities": {"faults": {"container-kill": {"available": true, "detail": "supported"},
                                              "network-delay": {"available": false, "detail": "no sch_netem"}}}},
                 {"agentId": "agent-old", "hostname": "host-b", "live": false, "containers": []}]
                """;
        Invocation agents = Invocation.of(env, dir, "agents");
        assertThat(agents.exitCode()).isZero();
        assertThat(agents.out()).contains("agent-a    host-a  yes", "1 of 2: web-1", "agent-old  host-b  no");
        Invocation faults = Invocation.of(env, dir, "faults");
        assertThat(faults.exitCode()).isZero();
        // The type column is as wide as the longest fault type's name.
        assertThat(faults.out()).containsPattern("(?m)^container-kill +yes$")
                .containsPattern("(?m)^network-delay +no +no sch_netem$")
                .containsPattern("(?m)^cpu-stress +no +the agent does not know this fault type$");
        assertThat(faults.out()).as("only live agents").doesNotContain("agent-old");
        assertThat(Invocation.of(env, dir, "faults", "--json").out()).contains("\"type\" : \"network-delay\"",
                "\"reason\" : \"no sch_netem\"");
    }

    @Test
    void anUnknownRunIsARefusalPointingAtTheList() {
        Invocation show = Invocation.of(env, dir, "show", "no-such-run");
        assertThat(show.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(show.err()).contains("HTTP 404", "./faultline runs");
    }

    /** Ctrl-C pressed once, after {@code polls} calls to takeInterrupt. */
    private static Interrupts pressedAfter(int polls) {
        AtomicInteger calls = new AtomicInteger();
        return new Interrupts() {
            @Override
            public <T> T catching(Supplier<T> body) {
                return body.get();
            }

            @Override
            public boolean takeInterrupt() {
                return calls.getAndIncrement() == polls;
            }
        };
    }
}
