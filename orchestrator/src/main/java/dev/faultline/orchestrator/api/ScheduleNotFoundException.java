package dev.faultline.orchestrator.api;

public class ScheduleNotFoundException extends RuntimeException {
    public ScheduleNotFoundException(String scheduleId) {
        super("no schedule with id '" + scheduleId + "'");
    }
}
