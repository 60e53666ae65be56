package dev.faultline.orchestrator.dispatch;

import dev.faultline.common.command.ChaosCommand;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes commands on {@code chaos-commands}, signed, keyed by the agent that must act. */
@ApplicationScoped
public class CommandPublisher {

    /** Below this many commands a wave is signed on the caller's thread: forking costs more than it saves. */
    static final int SIGN_IN_PARALLEL_FROM = 32;

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
        // A wave's CPU is its signatures (an Ed25519 signature costs ~0.7 ms, 0.7 s for 1000 targets on one thread,
        // docs/scaling.md): a large wave is signed on every core at once, and still sent in its order.
        Stream<? extends ChaosCommand> each = commands.size() >= SIGN_IN_PARALLEL_FROM
                ? commands.parallelStream()
                : commands.stream();
        KafkaPublishing.sendAll(emitter, each
                .map(command -> new KafkaPublishing.Keyed(command.agentId(), signer.sign(command)))
                .toList());
    }
}
