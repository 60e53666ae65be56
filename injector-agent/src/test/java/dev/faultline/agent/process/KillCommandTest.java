package dev.faultline.agent.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KillCommandTest {

    @Test
    void signalsOneProcessByPid() {
        assertThat(KillCommand.signal(4242, "KILL")).containsExactly("kill", "-s", "KILL", "4242");
        assertThat(KillCommand.signal(17, "TERM")).containsExactly("kill", "-s", "TERM", "17");
    }

    @Test
    void refusesPidsThatMeanGroupsOrInit() {
        for (long pid : new long[] {0, -1, -4242, 1}) {
            assertThatThrownBy(() -> KillCommand.signal(pid, "KILL"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("pid " + pid);
        }
    }

    @Test
    void refusesSignalsThatAreNotPlainShortNames() {
        for (String signal : new String[] {null, "", "SIGKILL", "kill", "KILL;reboot", "-9", "KILL 1"}) {
            assertThatThrownBy(() -> KillCommand.signal(4242, signal))
                    .as("signal %s", signal)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
