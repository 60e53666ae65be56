package dev.faultline.agent.testing;

import dev.faultline.agent.outbound.EventPublisher;
import dev.faultline.common.event.ChaosEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what would have gone to chaos-events. */
public class RecordingEventPublisher implements EventPublisher {

    private final List<ChaosEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void publish(ChaosEvent event) {
        events.add(event);
    }

    public List<ChaosEvent> events() {
        return List.copyOf(events);
    }

    public <E extends ChaosEvent> List<E> of(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
