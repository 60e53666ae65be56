package dev.faultline.agent.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.agent.testing.Commands;
import dev.faultline.common.fault.CpuStress;
import org.junit.jupiter.api.Test;

class AppliedEffectsTest {

    private final AppliedEffects<String> effects = new AppliedEffects<>();

    @Test
    void takesWhatWasAddedForTheContainerAndSpecOnce() {
        Target c1 = target("c1");
        effects.add(c1, new CpuStress(1, 50, null), "first");
        effects.add(c1, new CpuStress(1, 50, null), "second");
        effects.add(target("c2"), new CpuStress(1, 50, null), "other container");

        assertThat(effects.take(c1, new CpuStress(2, 50, null))).as("another spec").isEmpty();
        assertThat(effects.take(c1, new CpuStress(1, 50, null))).isPresent();
        assertThat(effects.take(c1, new CpuStress(1, 50, null))).isPresent();
        assertThat(effects.take(c1, new CpuStress(1, 50, null))).as("already reverted").isEmpty();
        assertThat(effects.size()).isEqualTo(1);
    }

    private static Target target(String id) {
        return new Target(Commands.target("agent-a", id), id, id + "-name", 4242, "fault-" + id);
    }
}
