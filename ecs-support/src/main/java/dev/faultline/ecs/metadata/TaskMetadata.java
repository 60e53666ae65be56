package dev.faultline.ecs.metadata;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * What the task metadata endpoint version 4 says of the task ({@code $ECS_CONTAINER_METADATA_URI_V4/task}); only
 * the fields Faultline reads, with the endpoint's names.
 *
 * @param serviceName the service that started the task; absent from older ECS agents
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskMetadata(@JsonProperty("Cluster") String cluster, @JsonProperty("TaskARN") String taskArn,
        @JsonProperty("Family") String family, @JsonProperty("Revision") String revision,
        @JsonProperty("ServiceName") String serviceName, @JsonProperty("LaunchType") String launchType,
        @JsonProperty("KnownStatus") String knownStatus, @JsonProperty("Containers") List<Container> containers) {

    public TaskMetadata {
        containers = containers == null ? List.of() : List.copyOf(containers);
    }

    /**
     * One container of the task, as the container endpoint ({@code $ECS_CONTAINER_METADATA_URI_V4}) and each
     * entry of the task's {@code Containers} show it.
     *
     * @param type {@code NORMAL} for the task definition's containers; the ECS agent's own (the pause container
     *             of awsvpc) have other types
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Container(@JsonProperty("DockerId") String dockerId, @JsonProperty("Name") String name,
            @JsonProperty("Image") String image, @JsonProperty("Labels") Map<String, String> labels,
            @JsonProperty("KnownStatus") String knownStatus, @JsonProperty("Type") String type) {

        public Container {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }

        public boolean normal() {
            return type == null || "NORMAL".equals(type);
        }

        /** Docker's word for the state, as the inventory reports it: {@code RUNNING} becomes {@code running}. */
        public String state() {
            return knownStatus == null ? "unknown" : knownStatus.toLowerCase(java.util.Locale.ROOT);
        }
    }
}
