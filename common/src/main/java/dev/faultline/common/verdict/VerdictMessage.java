package dev.faultline.common.verdict;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.faultline.common.Message;

/** What the observer concludes, on {@code chaos-verdicts}, keyed by run id. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RunVerdict.class, name = "run-verdict"),
        @JsonSubTypes.Type(value = SloBreached.class, name = "slo-breached"),
        @JsonSubTypes.Type(value = RunProgress.class, name = "run-progress"),
})
public sealed interface VerdictMessage extends Message permits RunVerdict, SloBreached, RunProgress {
}
