package dev.faultline.observer.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalingActivityTest {

    @Test
    void readsAnAutoscalersCamelCaseFeed() {
        List<ScalingActivity> a = ScalingActivity.parse("{\"activities\":[{\"startTime\":\"2026-12-01T16:24:58.895Z\","
                + "\"endTime\":null,\"statusCode\":\"InProgress\",\"cause\":\"rate above target\","
                + "\"description\":\"Setting desired count to 3 (from 2).\",\"fromCount\":2,\"desiredCount\":3}]}");
        assertThat(a).containsExactly(new ScalingActivity(Instant.parse("2026-12-01T16:24:58.895Z"), null,
                "rate above target", "Setting desired count to 3 (from 2).", "InProgress", 2, 3));
    }

    /** Application Auto Scaling's DescribeScalingActivities answer: PascalCase, epoch seconds, count in words. */
    @Test
    void readsApplicationAutoScalingsShapeAndTheDesiredCountFromTheDescription() {
        List<ScalingActivity> a = ScalingActivity.parse("{\"ScalingActivities\":[{\"ActivityId\":\"e6c5f7d1\","
                + "\"Cause\":\"monitor alarm TargetTracking-service/default/web-AlarmHigh in state ALARM triggered"
                + " policy cpu75\",\"Description\":\"Setting desired count to 4.\",\"StartTime\":1764606298.5,"
                + "\"EndTime\":1764606330.0,\"StatusCode\":\"Successful\"}]}");
        assertThat(a).singleElement().satisfies(x -> {
            assertThat(x.startTime()).isEqualTo(Instant.ofEpochMilli(1764606298500L));
            assertThat(x.desiredCount()).isEqualTo(4);
            assertThat(x.fromCount()).isNull();
            assertThat(x.cause()).startsWith("monitor alarm");
        });
    }

    @Test
    void refusesWhatIsNotAFeed() {
        assertThatThrownBy(() -> ScalingActivity.parse("<html>")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> ScalingActivity.parse("{\"items\":[]}")).hasMessageContaining("ScalingActivities");
        assertThatThrownBy(() -> ScalingActivity.parse("[{\"cause\":\"x\"}]")).hasMessageContaining("startTime");
    }
}
