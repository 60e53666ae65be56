package dev.faultline.common.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContainerKillTest {

    @Test
    void defaultsToSigkillOfTheMainProcess() {
        ContainerKill kill = new ContainerKill(null, null);
        assertThat(kill.signal()).isEqualTo("SIGKILL");
        assertThat(kill.shortSignal()).isEqualTo("KILL");
        assertThat(kill.method()).isEqualTo(KillMethod.PROCESS);
        assertThat(kill.type()).isEqualTo("container-kill");
        assertThat(kill.lasting()).isFalse();
    }

    @Test
    void acceptsSignalNamesWithOrWithoutPrefix() {
        assertThat(new ContainerKill("term", null).signal()).isEqualTo("SIGTERM");
        assertThat(new ContainerKill("SIGINT", null).signal()).isEqualTo("SIGINT");
    }

    @Test
    void refusesSignalsThatDoNotKill() {
        assertThatThrownBy(() -> new ContainerKill("SIGSTOP", null)).hasMessageContaining("signal: must be one of");
        assertThatThrownBy(() -> new ContainerKill("9; rm -rf /", null)).hasMessageContaining("signal");
    }
}
