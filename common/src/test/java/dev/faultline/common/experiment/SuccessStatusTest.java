package dev.faultline.common.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.validation.InvalidValueException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuccessStatusTest {

    @Test
    void byDefaultTwoHundredsAndThreeHundredsSucceed() {
        assertThat(SuccessStatus.DEFAULT.isSuccess(200)).isTrue();
        assertThat(SuccessStatus.DEFAULT.isSuccess(204)).isTrue();
        assertThat(SuccessStatus.DEFAULT.isSuccess(302)).isTrue();
        assertThat(SuccessStatus.DEFAULT.isSuccess(404)).isFalse();
        assertThat(SuccessStatus.DEFAULT.isSuccess(405)).isFalse();
        assertThat(SuccessStatus.DEFAULT.isSuccess(503)).isFalse();
        assertThat(SuccessStatus.DEFAULT.isSuccess(199)).isFalse();
    }

    @Test
    void entriesAreStatusesClassesOrRanges() {
        SuccessStatus statuses = new SuccessStatus(List.of(200, "404", "4XX", "500-502"));
        assertThat(statuses.entries()).containsExactly(200, 404, "4xx", "500-502");
        assertThat(statuses.isSuccess(200)).isTrue();
        assertThat(statuses.isSuccess(201)).isFalse();
        assertThat(statuses.isSuccess(451)).isTrue();
        assertThat(statuses.isSuccess(502)).isTrue();
        assertThat(statuses.isSuccess(503)).isFalse();
    }

    @Test
    void refusesWhatIsNoStatusAndSaysWhichEntry() {
        assertThatThrownBy(() -> new SuccessStatus(List.of(200, "6xx")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("entry 2 ('6xx') is not a status");
        assertThatThrownBy(() -> new SuccessStatus(List.of(700))).hasMessageContaining("entry 1 ('700')");
        assertThatThrownBy(() -> new SuccessStatus(List.of("300-200"))).hasMessageContaining("entry 1");
        assertThatThrownBy(() -> new SuccessStatus(List.of())).hasMessageContaining("at least one");
    }

    @Test
    void aProbeExpectingOneStatusSucceedsOnlyOnThatOne() {
        HttpProbe probe = new HttpProbe("health", "http://127.0.0.1:1/health", 204, null, null);
        assertThat(probe.successStatus()).isEqualTo(SuccessStatus.only(204));
        assertThat(probe.successStatus().isSuccess(200)).isFalse();
        assertThat(new HttpProbe("health", "http://127.0.0.1:1/health", null, null, null).successStatus())
                .isEqualTo(SuccessStatus.DEFAULT);
    }

    @Test
    void expectedStatusAndAnotherSuccessStatusContradictEachOther() {
        assertThatThrownBy(() -> new HttpProbe("health", "http://127.0.0.1:1/health", 200, null, null, null, null,
                new SuccessStatus(List.of(200, 404))))
                .hasMessageContaining("successStatus: give expectedStatus or successStatus, not both");
    }

    @Test
    void aProbeReadsBackFromTheContractsJsonAsItWasWritten() throws Exception {
        for (HttpProbe probe : List.of(new HttpProbe("a", "http://127.0.0.1:1/", 200, null, null),
                new HttpProbe("b", "http://127.0.0.1:1/", null, null, null, null, null,
                        new SuccessStatus(List.of("2xx", 404))))) {
            String json = ChaosJson.messages().writeValueAsString(probe);
            assertThat(ChaosJson.experiments().readValue(json, Probe.class)).isEqualTo(probe);
        }
    }

    @Test
    void theLoadSucceedsOnTwoHundredsAndThreeHundredsUnlessToldOtherwise() {
        LoadTest load = new LoadTest(null, "http://127.0.0.1:1/orders", null, null, 5, null, null);
        assertThat(load.successStatus()).isEqualTo(SuccessStatus.DEFAULT);
    }
}
