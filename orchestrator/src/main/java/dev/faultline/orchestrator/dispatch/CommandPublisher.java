package dev.faultline.orchestrator.dispatch;

import dev.faultline.common.command.ChaosCommand;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
}
