package dev.faultline.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.cli.ExitCode;
import dev.faultline.common.json.ChaosJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code schedule ...}, {@code resume} and halt's word on schedules, end to end against {@link FakeFaultline}. */
class ScheduleCommandsTest {

    static final String SCHEDULE = """
            {"scheduleId":"sch-7f3a","experimentName":"demo-container-kill",
             "experimentSha256":"9b1d0c7e5a","cron":"0 0 9 ? * MON-FRI","zone":"Europe/Paris",
             "windows":[{"days":"MON-FRI","from":"09:00","to":"17:00"}],"randomOffset":"10m","announceAhead":"5m",
             "paused":false,"createdAt":"2026-12-01T13:00:00Z","createdBy":"admin",
             "coveredUntil":"2026-12-01T08:00:00Z","lastRunId":"run-20261201-080312-c0ffee",
             "nextOccurrence":{"scheduleId":"sch-7f3a","occurrence":"2026-12-02T08:00:00Z",
               "startAt":"2026-12-02T08:04:10Z","announceAt":"2026-12-02T07:59:10Z"}}
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
        experiment = Files.writeString(dir.resolve("demo.yaml"), CommandsTest.EXPERIMENT);
        fake.scheduleBody = SCHEDULE;
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"add", "list", "show", "pause", "resume", "remove"})
    void everyScheduleSubcommandHasItsHelp(String subcommand) {
        Invocation help = Invocation.of(env, dir, "schedule", subcommand, "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: faultline schedule " + subcommand);
        assertThat(fake.requests).isEmpty();
    }

    @Test
    void scheduleWithoutASubcommandIsAUsageError() {
        Invocation bare = Invocation.of(env, dir, "schedule");
        assertThat(bare.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(bare.err()).contains("add", "list", "remove");
        assertThat(Invocation.of(env, dir, "--help").out()).contains("schedule", "resume");
    }

    @Test
    void addSendsTheExperimentAndTheTimingAndPrintsTheIdTheVersionAndTheNextOccurrence() throws Exception {
        Invocation add = Invocation.of(env, dir, "schedule", "add", experiment.toString(), "--cron",
                "0 0 9 ? * MON-FRI", "--zone", "Europe/Paris", "--window", "MON-FRI,09:00-17:00", "--window",
                "SAT,SUN,10:00-12:00", "--window", "13:00-14:00", "--random-offset", "10m", "--announce-ahead", "5m");
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(fake.requests).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/api/v1/schedules");
            assertThat(r.contentType()).isEqualTo("application/json");
            assertThat(r.authorization()).isEqualTo("Bearer t0ken");
            JsonNode body = ChaosJson.messages().readTree(r.body());
            assertThat(body.path("experiment").textValue()).isEqualTo(CommandsTest.EXPERIMENT);
            assertThat(body.path("cron").asText()).isEqualTo("0 0 9 ? * MON-FRI");
            assertThat(body.path("zone").asText()).isEqualTo("Europe/Paris");
            assertThat(body.path("windows").toString()).isEqualTo("[{\"days\":\"MON-FRI\",\"from\":\"09:00\","
                    + "\"to\":\"17:00\"},{\"days\":\"SAT,SUN\",\"from\":\"10:00\",\"to\":\"12:00\"},"
                    + "{\"from\":\"13:00\",\"to\":\"14:00\"}]");
            assertThat(body.path("randomOffset").asText()).isEqualTo("10m");
            assertThat(body.path("announceAhead").asText()).isEqualTo("5m");
        });
        assertThat(add.out()).contains("Schedule sch-7f3a added for demo-container-kill (experiment sha256 9b1d0c7e5a)",
                "next start         2026-12-02T08:04:10Z  (cron instant 2026-12-02T08:00:00Z)",
                "announced          2026-12-02T07:59:10Z");
    }

    @Test
    void addLeavesTheServersDefaultsToTheServer() throws Exception {
        Invocation add = Invocation.of(env, dir, "schedule", "add", experiment.toString(), "--cron", "0/20 * * * * ?");
        assertThat(add.exitCode()).as(add.err()).isZero();
        JsonNode body = ChaosJson.messages().readTree(fake.requests.get(0).body());
        assertThat(body.fieldNames()).toIterable().containsExactly("experiment", "cron");
    }

    @Test
    void aJsonExperimentIsScheduledAsAJsonObject() throws Exception {
        Path json = Files.writeString(dir.resolve("demo.json"), """
                {"name": "demo-json", "duration": "5s",
                 "steadyState": {"probes": [{"name": "p", "url": "http://127.0.0.1:1/"}]},
                 "faults": [{"target": {"selector": {"name": "t"}}, "fault": {"type": "container-kill"}}]}
                """);
        Invocation add = Invocation.of(env, dir, "schedule", "add", json.toString(), "--cron", "0 0 9 ? * *");
        assertThat(add.exitCode()).as(add.err()).isZero();
        JsonNode body = ChaosJson.messages().readTree(fake.requests.get(0).body());
        assertThat(body.path("experiment").isObject()).isTrue();
        assertThat(body.path("experiment").path("name").asText()).isEqualTo("demo-json");
    }

    @Test
    void theNextOccurrenceIsShownInTheLocalZoneAndInUtc() throws Exception {
        List<String> lines = ScheduleViews.next(ChaosJson.messages().readTree(SCHEDULE), ZoneId.of("Europe/Paris"));
        assertThat(lines).containsExactly(
                "  next start         2026-12-02 09:04:10 Europe/Paris (2026-12-02T08:04:10Z)  (cron instant "
                        + "2026-12-02T08:00:00Z)",
                "  announced          2026-12-02 08:59:10 Europe/Paris (2026-12-02T07:59:10Z)");
        JsonNode unannounced = ChaosJson.messages().readTree(SCHEDULE.replace("\"5m\"", "\"0s\""));
        assertThat(ScheduleViews.next(unannounced, ZoneId.of("UTC")).get(1)).contains("no (no --announce-ahead)");
    }

    @Test
    void aMalformedFileExits2WithFieldMessagesWithoutContactingTheServer() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"),
                CommandsTest.EXPERIMENT.replace("container-kill", "container-kil"));
        Invocation add = Invocation.of(env, dir, "schedule", "add", bad.toString(), "--cron", "0 0 9 ? * *");
        assertThat(add.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(add.err()).contains("is not a valid experiment", "nothing was sent",
                "faults[0].fault.type: 'container-kil' is not a known fault type");
        assertThat(fake.requests).isEmpty();
    }

    @Test
    void aMalformedWindowOrAMissingCronIsRefusedLocally() {
        Invocation window = Invocation.of(env, dir, "schedule", "add", experiment.toString(), "--cron",
                "0 0 9 ? * *", "--window", "MON-FRI 9-17");
        assertThat(window.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(window.err()).contains("--window 'MON-FRI 9-17' is not DAYS,HH:MM-HH:MM",
                "--window MON-FRI,09:00-17:00");
        Invocation noCron = Invocation.of(env, dir, "schedule", "add", experiment.toString());
        assertThat(noCron.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(noCron.err()).contains("--cron");
        assertThat(fake.requests).isEmpty();
    }

    @Test
    void theServersViolationsExit2WithEachField() {
        fake.addScheduleStatus = 400;
        fake.scheduleBody = """
                {"error":"invalid schedule","violations":[
                  {"field":"cron","message":"Failed to parse '0 9 * * 1-5' (Quartz cron: seconds minutes hours ...)"},
                  {"field":"zone","message":"must be a time zone id such as UTC or Europe/Paris, was 'Paris'"}]}
                """;
        Invocation add = Invocation.of(env, dir, "schedule", "add", experiment.toString(), "--cron", "0 9 * * 1-5",
                "--zone", "Paris");
        assertThat(add.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(add.err()).contains("the orchestrator refused (HTTP 400): invalid schedule",
                "  cron: Failed to parse '0 9 * * 1-5'",
                "  zone: must be a time zone id such as UTC or Europe/Paris, was 'Paris'");
        assertThat(add.err()).doesNotContain("Exception");
    }

    @Test
    void listShowsOneRowPerSchedule() {
        fake.schedulesBody = "[" + SCHEDULE + ","
                + SCHEDULE.replace("sch-7f3a", "sch-0b2e").replace("\"paused\":false", "\"paused\":true")
                .replaceAll("\"nextOccurrence\":\\{[^}]*}", "\"nextOccurrence\":null")
                .replace("\"lastRunId\":\"run-20261201-080312-c0ffee\"", "\"lastRunId\":null") + "]";
        Invocation list = Invocation.of(env, dir, "schedule", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out().lines()).containsExactly(
                "schedule  experiment           cron               zone          paused  next start           "
                        + "last run",
                "--------  -------------------  -----------------  ------------  ------  -------------------  "
                        + "--------------------------",
                "sch-7f3a  demo-container-kill  0 0 9 ? * MON-FRI  Europe/Paris  no      2026-12-02 08:04:10  "
                        + "run-20261201-080312-c0ffee",
                "sch-0b2e  demo-container-kill  0 0 9 ? * MON-FRI  Europe/Paris  yes     -                    -");
        fake.schedulesBody = "[]";
        assertThat(Invocation.of(env, dir, "schedule", "list").out()).startsWith("No schedules.");
    }

    @Test
    void listAndShowSayWhenFaultlineIsHalted() {
        String halted = SCHEDULE.replace("\"paused\":false", "\"paused\":false,\"haltedBy\":{\"operator\":\"ops\","
                + "\"reason\":\"incident 42\",\"engagedAt\":\"2026-12-01T14:00:00Z\"}");
        fake.schedulesBody = "[" + halted + "]";
        String line = "HALTED since 2026-12-01 14:00:00 by ops (incident 42): every occurrence is skipped until "
                + "./faultline resume";
        assertThat(Invocation.of(env, dir, "schedule", "list").out()).contains(line);
        fake.scheduleBody = halted;
        assertThat(Invocation.of(env, dir, "schedule", "show", "sch-7f3a").out()).contains(line);
    }

    @Test
    void addSendsTheKindsOfAlertAndShowPrintsThem() throws Exception {
        Invocation add = Invocation.of(env, dir, "schedule", "add", experiment.toString(), "--cron", "0/20 * * * * ?",
                "--alert-on", "skipped,halt");
        assertThat(add.exitCode()).as(add.err()).isZero();
        JsonNode body = ChaosJson.messages().readTree(fake.requests.get(0).body());
        assertThat(body.path("alertOn").toString()).isEqualTo("[\"skipped\",\"halt\"]");

        assertThat(ScheduleViews.alertOn(ChaosJson.messages().readTree("{\"alertOn\":[\"skipped\",\"halt\"]}")))
                .isEqualTo("skipped, halt");
        assertThat(ScheduleViews.alertOn(ChaosJson.messages().readTree("{\"alertOn\":[]}"))).isEqualTo("nothing");
        assertThat(ScheduleViews.alertOn(ChaosJson.messages().readTree("{}")))
                .isEqualTo("the reporter's faultline.alerts.on");
    }

    @Test
    void showPrintsTheDefinitionAndTheOccurrencesStartedAndSkipped() throws Exception {
        fake.occurrencesBody = """
                [{"scheduleId":"sch-7f3a","occurrence":"2026-12-01T09:00:00Z","startAt":"2026-12-01T09:03:00Z",
                  "state":"SKIPPED","reasonCode":"target-down","reason":"target already down: faults[0].target...",
                  "instance":"orch-1","updatedAt":"2026-12-01T09:03:00Z"},
                 {"scheduleId":"sch-7f3a","occurrence":"2026-12-01T08:00:00Z","startAt":"2026-12-01T08:03:12Z",
                  "state":"STARTED","runId":"run-20261201-080312-c0ffee","instance":"orch-1",
                  "updatedAt":"2026-12-01T08:03:12Z"}]
                """;
        Invocation show = Invocation.of(env, dir, "schedule", "show", "sch-7f3a", "--occurrences", "5");
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(fake.requests).extracting(FakeFaultline.Request::path)
                .containsExactly("/api/v1/schedules/sch-7f3a", "/api/v1/schedules/sch-7f3a/occurrences");
        assertThat(fake.requests.get(1).query()).isEqualTo("limit=5");
        assertThat(show.out()).contains("Schedule sch-7f3a  experiment demo-container-kill",
                "  experiment sha256  9b1d0c7e5a", "  cron               0 0 9 ? * MON-FRI  in Europe/Paris",
                "  windows            MON-FRI 09:00-17:00", "  random offset      10m",
                "  announce ahead     5m before the start",
                "  alerts on          the reporter's faultline.alerts.on",
                "2026-12-01 09:00:00  2026-12-01 09:03:00  SKIPPED  target-down: target already down: faults[0]",
                "2026-12-01 08:00:00  2026-12-01 08:03:12  STARTED  run run-20261201-080312-c0ffee");

        Invocation json = Invocation.of(env, dir, "schedule", "show", "sch-7f3a", "--json");
        JsonNode both = ChaosJson.messages().readTree(json.out());
        assertThat(both.path("schedule").path("scheduleId").asText()).isEqualTo("sch-7f3a");
        assertThat(both.path("occurrences")).hasSize(2);
        assertThat(Invocation.of(env, dir, "schedule", "show", "sch-7f3a", "--occurrences", "0").exitCode())
                .isEqualTo(ExitCode.INVALID);
    }

    @Test
    void pauseResumeAndRemoveCallTheirEndpoints() {
        fake.scheduleBody = SCHEDULE.replace("\"paused\":false", "\"paused\":true");
        Invocation pause = Invocation.of(env, dir, "schedule", "pause", "sch-7f3a");
        assertThat(pause.exitCode()).isZero();
        assertThat(pause.out()).contains("Schedule sch-7f3a (demo-container-kill) paused: it starts nothing until "
                + "./faultline schedule resume sch-7f3a");
        fake.scheduleBody = SCHEDULE;
        Invocation resume = Invocation.of(env, dir, "schedule", "resume", "sch-7f3a");
        assertThat(resume.exitCode()).isZero();
        assertThat(resume.out()).contains("Schedule sch-7f3a (demo-container-kill) resumed",
                "next start         2026-12-02T08:04:10Z");
        Invocation remove = Invocation.of(env, dir, "schedule", "remove", "sch-7f3a");
        assertThat(remove.exitCode()).as(remove.err()).isZero();
        assertThat(remove.out()).contains("Schedule sch-7f3a removed.");
        assertThat(fake.requests).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "POST /api/v1/schedules/sch-7f3a/pause", "POST /api/v1/schedules/sch-7f3a/resume",
                "DELETE /api/v1/schedules/sch-7f3a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"show", "pause", "resume", "remove"})
    void anUnknownScheduleExits2PointingAtTheList(String subcommand) {
        Invocation unknown = Invocation.of(env, dir, "schedule", subcommand, "no-such-schedule");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(unknown.err()).contains("the orchestrator refused (HTTP 404): no schedule with id "
                + "'no-such-schedule'", "the schedules it knows: ./faultline schedule list");
        assertThat(unknown.err()).doesNotContain("./faultline runs");
    }

    @Test
    void resumeLiftsTheHaltLatchAndSaysWhose() {
        fake.resumeBody = "{\"wasHalted\":true,\"released\":{\"operator\":\"ops\",\"reason\":\"incident 42\","
                + "\"engagedAt\":\"2026-12-01T14:00:00Z\"},\"operator\":\"admin\","
                + "\"resumedAt\":\"2026-12-01T14:30:00Z\"}";
        Invocation resume = Invocation.of(env, dir, "resume");
        assertThat(resume.exitCode()).isZero();
        assertThat(fake.requests).singleElement().satisfies(r -> {
            assertThat(r.method() + " " + r.path()).isEqualTo("POST /api/v1/resume");
            assertThat(r.query()).isNull();
            assertThat(r.body()).isEmpty();
        });
        assertThat(resume.out()).contains("Halt lifted by admin at 2026-12-01 14:30:00: the halt of ops "
                + "(incident 42, engaged 2026-12-01 14:00:00).", "Schedules start runs again");
        fake.resumeBody = "{\"wasHalted\":false,\"released\":null,\"operator\":\"admin\","
                + "\"resumedAt\":\"2026-12-01T14:30:00Z\"}";
        assertThat(Invocation.of(env, dir, "resume").out()).contains("Faultline was not halted: nothing to lift");
    }

    @Test
    void haltSaysTheSchedulesAreHeldUntilResume() {
        String answer = "{\"haltMessageId\":\"h-1\",\"haltedAt\":\"2026-12-01T14:00:00Z\",\"operator\":\"admin\","
                + "\"reason\":\"incident 42\",\"abortedRuns\":[\"run-1\"]";
        fake.haltBody = answer + ",\"schedulesHeld\":true}";
        Invocation held = Invocation.of(env, dir, "halt", "incident", "42");
        assertThat(held.exitCode()).isZero();
        assertThat(fake.requests.get(0).query()).isEqualTo("reason=incident%2042");
        assertThat(held.out()).contains("Aborted runs: run-1",
                "Schedules are held (every orchestrator skips their occurrences) until ./faultline resume.");
        fake.haltBody = answer + ",\"schedulesHeld\":false}";
        assertThat(Invocation.of(env, dir, "halt").out()).contains("held on the orchestrator that took the halt only");
        fake.haltBody = answer + "}";
        assertThat(Invocation.of(env, dir, "halt").out()).as("a server before schedules").doesNotContain("resume");
    }
}
