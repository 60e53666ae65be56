package dev.faultline.common.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum SelectionMode {
    @JsonProperty("random")
    RANDOM,
    /** The first matches by container name: repeatable runs. */
    @JsonProperty("fixed")
    FIXED
}
