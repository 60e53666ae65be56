package dev.faultline.orchestrator.dispatch;

import dev.faultline.common.command.ChaosCommand;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes commands on {@code chaos-commands}, signed, keyed by the agent that must act. */
@ApplicationScoped
public class CommandPublisher {

    @Inject
    @Channel("commands")
    MutinyEmitter<String> emitter;
    @Inject
    CommandSigner signer;

    public void publish(ChaosCommand command) {
        KafkaPublishing.send(emitter, command.agentId(), signer.sign(command));
    }

    /**
     * Publishes a step's commands together: all are handed to the producer first, then their acknowledgements are
     * awaited, so a wave of N commands costs about one broker round trip instead of N in a row.
     *
     * @throws PublishFailedException naming the first command that was not acknowledged (the others may have gone)
     */
    public void publishAll(List<? extends ChaosCommand> commands) {
        // Signed on this thread: signing a 1000-command wave on two threads gained nothing on bench/scale.sh's two
        // cores, whose other core is the simulated agents' (docs/scaling.md).
        KafkaPublishing.sendAll(emitter, commands.stream()
                .map(command -> new KafkaPublishing.Keyed(command.agentId(), signer.sign(command)))
                .toList());
    }
}
