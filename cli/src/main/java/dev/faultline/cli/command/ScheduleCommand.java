package dev.faultline.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.cli.CliFailure;
import dev.faultline.cli.ExitCode;
import dev.faultline.cli.FaultlineCli;
import dev.faultline.common.json.ChaosJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code schedule add|list|show|pause|resume|remove}: runs of an experiment on a cron, without anyone starting them
 * (the orchestrator's {@code /api/v1/schedules}, docs/schedules.md).
 */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "Schedules: an experiment run on a cron in a time zone, optionally only inside allowed windows, "
                + "at a random moment within them and announced ahead (reading needs role viewer, changes operator).",
        subcommands = {ScheduleCommand.Add.class, ScheduleCommand.ListSchedules.class, ScheduleCommand.Show.class,
                ScheduleCommand.Pause.class, ScheduleCommand.Resume.class, ScheduleCommand.Remove.class})
public class ScheduleCommand {

    @ParentCommand
    FaultlineCli cli;

    private PrintWriter out() {
        return cli.environment().out();
    }

    private ZoneId zone() {
        return cli.environment().clock().getZone();
    }

    private void print(List<String> lines) {
        PrintWriter out = out();
        lines.forEach(out::println);
        out.flush();
    }

    /** What the subcommands about one schedule share: the parent (API, zone, output) and the schedule's id. */
    abstract static class OneSchedule implements Callable<Integer> {

        @ParentCommand
        ScheduleCommand schedule;

        @Parameters(paramLabel = "ID", description = "the schedule id")
        String scheduleId;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Validate an experiment locally (the server's own parser: a malformed file is refused "
                    + "without contacting the server), then add a schedule of it (POST /api/v1/schedules).",
                    "Prints the schedule id, the experiment's version (sha256) and the next occurrence."},
            footer = {"", "Examples:",
                    "  schedule add demo.yaml --cron '0 0 9 ? * MON-FRI' --zone Europe/Paris",
                    "  schedule add demo.yaml --cron '0 0/15 * ? * *' --window MON-FRI,09:00-17:00 "
                            + "--random-offset 10m --announce-ahead 5m"})
    static class Add implements Callable<Integer> {

        @ParentCommand
        ScheduleCommand schedule;

        @Parameters(paramLabel = "FILE", description = "the experiment (YAML, or JSON when it ends in .json)")
        Path file;

        @Option(names = "--cron", required = true, paramLabel = "EXPR",
                description = "a Quartz cron, seconds first: '0 0 9 ? * MON-FRI' is 09:00 on working days, "
                        + "'0/20 * * * * ?' every 20 seconds (a five-field Unix cron is refused)")
        String cron;

        @Option(names = "--zone", paramLabel = "ZONE",
                description = "the time zone the cron and the windows are read in, e.g. Europe/Paris (default: UTC)")
        String zone;

        @Option(names = "--window", paramLabel = "DAYS,HH:MM-HH:MM",
                description = "an allowed window, repeatable: MON-FRI,09:00-17:00, SAT,SUN,10:00-12:00, or "
                        + "09:00-17:00 for every day; the end is exclusive (default: any time)")
        List<String> windows = new ArrayList<>();

        @Option(names = "--random-offset", paramLabel = "DURATION",
                description = "start each occurrence up to this much after its cron instant, within its window "
                        + "(e.g. 10m; at most 24h; default: none)")
        String randomOffset;

        @Option(names = "--announce-ahead", paramLabel = "DURATION",
                description = "send run-scheduled on chaos-events this long before each start (e.g. 5m; at most "
                        + "168h; default: no announcement)")
        String announceAhead;

        @Option(names = "--alert-on", paramLabel = "KINDS", split = ",",
                description = "the kinds of alert its runs and skips raise, comma-separated: fail, abort, halt, "
                        + "skipped; --alert-on '' for none (default: the reporter's faultline.alerts.on)")
        List<String> alertOn;

        @Override
        public Integer call() {
            ExperimentFile experiment = ExperimentFile.read(file);
            String body = ScheduleBody.of(experiment, cron, zone, windows, randomOffset, announceAhead,
                    alertOn);
            JsonNode added = schedule.cli.api().addSchedule(body);
            List<String> lines = new ArrayList<>();
            lines.add("Schedule " + added.path("scheduleId").asText() + " added for "
                    + added.path("experimentName").asText() + " (experiment sha256 "
                    + added.path("experimentSha256").asText() + ")");
            lines.addAll(ScheduleViews.next(added, schedule.zone()));
            lines.add("Its occurrences: ./faultline schedule show " + added.path("scheduleId").asText());
            schedule.print(lines);
            return ExitCode.PASS;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every schedule, oldest first: experiment, cron, zone, paused, next start, last run.")
    static class ListSchedules implements Callable<Integer> {

        @ParentCommand
        ScheduleCommand schedule;

        @Override
        public Integer call() {
            schedule.print(ScheduleViews.table(schedule.cli.api().schedules(), schedule.zone()));
            return ExitCode.PASS;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One schedule: its definition and state, and what became of its recent occurrences "
                    + "(started with the run, skipped with the reason), newest first.")
    static class Show extends OneSchedule {

        @Option(names = "--occurrences", paramLabel = "N", defaultValue = "10",
                description = "at most this many occurrences, 1 to 500 (default: ${DEFAULT-VALUE})")
        int occurrences;

        @Option(names = "--json", description = "{\"schedule\": ..., \"occurrences\": [...]} as the API has them")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (occurrences < 1 || occurrences > 500) {
                throw new CliFailure(ExitCode.INVALID, "--occurrences must be between 1 and 500, was "
                        + occurrences);
            }
            JsonNode view = schedule.cli.api().schedule(scheduleId);
            List<JsonNode> records = schedule.cli.api().occurrences(scheduleId, occurrences);
            if (json) {
                ObjectNode both = ChaosJson.messages().createObjectNode();
                both.set("schedule", view);
                both.putArray("occurrences").addAll(records);
                schedule.print(List.of(ChaosJson.messages().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(both)));
                return ExitCode.PASS;
            }
            List<String> lines = new ArrayList<>(ScheduleViews.definition(view, schedule.zone()));
            lines.add("");
            lines.add("Occurrences (newest first, at most " + occurrences + "):");
            lines.addAll(ScheduleViews.occurrences(records, schedule.zone()));
            schedule.print(lines);
            return ExitCode.PASS;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pause a schedule: it starts nothing until resumed (role operator).")
    static class Pause extends OneSchedule {

        @Override
        public Integer call() {
            JsonNode paused = schedule.cli.api().pauseSchedule(scheduleId, true);
            schedule.print(List.of("Schedule " + paused.path("scheduleId").asText() + " ("
                    + paused.path("experimentName").asText() + ") paused: it starts nothing until "
                    + "./faultline schedule resume " + paused.path("scheduleId").asText()));
            return ExitCode.PASS;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = {"Resume a paused schedule: it runs again from its next occurrence; the ones while paused "
                    + "are not counted as missed (role operator).",
                    "After a halt, ./faultline resume (not this) lets every schedule start runs again."})
    static class Resume extends OneSchedule {

        @Override
        public Integer call() {
            JsonNode resumed = schedule.cli.api().pauseSchedule(scheduleId, false);
            List<String> lines = new ArrayList<>();
            lines.add("Schedule " + resumed.path("scheduleId").asText() + " (" + resumed.path("experimentName").asText()
                    + ") resumed");
            lines.addAll(ScheduleViews.next(resumed, schedule.zone()));
            if (resumed.path("haltedBy").isObject()) {
                lines.add("Faultline is halted: its occurrences are skipped until ./faultline resume");
            }
            schedule.print(lines);
            return ExitCode.PASS;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a schedule (DELETE /api/v1/schedules/{id}, role operator); the records of its "
                    + "occurrences stay, and a run it started goes on.")
    static class Remove extends OneSchedule {

        @Override
        public Integer call() {
            schedule.cli.api().removeSchedule(scheduleId);
            schedule.print(List.of("Schedule " + scheduleId + " removed."));
            return ExitCode.PASS;
        }
    }
}
