package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * What to do to one target. Each fault type is one record here, registered under its stable kebab-case name
 * (its {@link JsonTypeName}, which is also the agent's executor key). See docs/adding-a-fault.md.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(ContainerKill.class),
        @JsonSubTypes.Type(ContainerPause.class),
})
public sealed interface FaultSpec permits ContainerKill, ContainerPause {

    /** The registry key, e.g. {@code container-kill}. */
    default String type() {
        return typeOf(getClass());
    }

    /** Whether the fault has an effect that lasts until reverted (a partition) or acts once (a kill). */
    boolean lasting();

    /** Every registered fault type name, sorted. */
    static java.util.List<String> knownTypes() {
        return java.util.Arrays.stream(FaultSpec.class.getAnnotation(JsonSubTypes.class).value())
                .map(t -> typeOf(t.value().asSubclass(FaultSpec.class)))
                .sorted()
                .toList();
    }

    static String typeOf(Class<? extends FaultSpec> specClass) {
        JsonTypeName name = specClass.getAnnotation(JsonTypeName.class);
        if (name == null) {
            throw new IllegalStateException(specClass + " has no @JsonTypeName");
        }
        return name.value();
    }
}
