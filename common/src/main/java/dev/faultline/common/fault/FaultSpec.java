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
        @JsonSubTypes.Type(ContainerStop.class),
        @JsonSubTypes.Type(ContainerPause.class),
        @JsonSubTypes.Type(ContainerRestart.class),
        @JsonSubTypes.Type(ProcessKill.class),
        @JsonSubTypes.Type(CpuStress.class),
        @JsonSubTypes.Type(MemoryStress.class),
        @JsonSubTypes.Type(IoStress.class),
        @JsonSubTypes.Type(DiskFill.class),
        @JsonSubTypes.Type(NetworkPartition.class),
        @JsonSubTypes.Type(EgressBlock.class),
        @JsonSubTypes.Type(PacketLoss.class),
        @JsonSubTypes.Type(BandwidthLimit.class),
        @JsonSubTypes.Type(ConnectionReset.class),
        @JsonSubTypes.Type(DnsFailure.class),
        @JsonSubTypes.Type(DbPartition.class),
        @JsonSubTypes.Type(NetworkDelay.class),
        @JsonSubTypes.Type(DynamoDbFaults.class),
        @JsonSubTypes.Type(DbConnectionExhaustion.class),
        @JsonSubTypes.Type(EcsStopTask.class),
        @JsonSubTypes.Type(EcsTaskNetworkLatency.class),
        @JsonSubTypes.Type(EcsTaskNetworkPacketLoss.class),
        @JsonSubTypes.Type(EcsTaskNetworkBlackholePort.class),
})
public sealed interface FaultSpec permits ContainerKill,
        ContainerStop, ContainerPause, ContainerRestart, ProcessKill,
        CpuStress, MemoryStress, IoStress, DiskFill,
        NetworkPartition, EgressBlock, PacketLoss, BandwidthLimit, ConnectionReset, DnsFailure, DbPartition,
        NetworkDelay, DynamoDbFaults, DbConnectionExhaustion,
        EcsStopTask, EcsTaskNetworkLatency, EcsTaskNetworkPacketLoss, EcsTaskNetworkBlackholePort {

    /** The registry key, e.g. {@code container-kill}. */
    default String type() {
        return typeOf(getClass());
    }

    /** Whether the fault has an effect that lasts until reverted (a partition) or acts once (a kill). */
    boolean lasting();

    /** Whether faults of this type last until reverted: every type but those marked {@link OneShot}. */
    static boolean lasting(Class<? extends FaultSpec> specClass) {
        return !specClass.isAnnotationPresent(OneShot.class);
    }

    /** The spec record registered under {@code type}, e.g. {@link ContainerKill} for {@code container-kill}. */
    static Class<? extends FaultSpec> specClassOf(String type) {
        return java.util.Arrays.stream(FaultSpec.class.getAnnotation(JsonSubTypes.class).value())
                .map(t -> t.value().asSubclass(FaultSpec.class))
                .filter(c -> typeOf(c).equals(type))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown fault type " + type));
    }

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
