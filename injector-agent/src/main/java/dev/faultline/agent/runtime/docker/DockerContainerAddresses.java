package dev.faultline.agent.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** {@link ContainerAddresses} from Docker's inspect: {@code NetworkSettings.Networks.*.IPAddress}. */
@ApplicationScoped
public class DockerContainerAddresses implements ContainerAddresses {

    private static final Pattern CONTAINER_REF = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    private final DockerClient docker;

    @Inject
    public DockerContainerAddresses(DockerClient docker) {
        this.docker = docker;
    }

    @Override
    public List<String> ipv4Addresses(String containerName) {
        if (containerName == null || !CONTAINER_REF.matcher(containerName).matches()) {
            throw new IllegalArgumentException("not a container name: " + containerName);
        }
        InspectContainerResponse response;
        try {
            response = docker.inspectContainerCmd(containerName).exec();
        } catch (NotFoundException e) {
            throw new IllegalArgumentException("no container " + containerName + " on this host");
        }
        Map<String, ContainerNetwork> networks = response.getNetworkSettings() == null ? null
                : response.getNetworkSettings().getNetworks();
        List<String> addresses = networks == null ? List.of() : networks.values().stream()
                .map(ContainerNetwork::getIpAddress)
                .filter(ip -> ip != null && !ip.isBlank())
                .distinct()
                .sorted()
                .toList();
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("container " + containerName
                    + " has no IPv4 address (not running, or network mode none or host)");
        }
        return addresses;
    }
}
