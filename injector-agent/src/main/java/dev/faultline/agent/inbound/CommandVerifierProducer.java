package dev.faultline.agent.inbound;

import dev.faultline.common.command.CommandSignatures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Builds the verifier from {@code faultline.commands.*}. Without a key file the agent starts but obeys nothing. */
@ApplicationScoped
public class CommandVerifierProducer {

    private static final Logger LOG = Logger.getLogger(CommandVerifierProducer.class);

    @Produces
    @ApplicationScoped
    CommandVerifier verifier(
            @ConfigProperty(name = "faultline.commands.public-key-file") Optional<String> keyFile,
            @ConfigProperty(name = "faultline.commands.max-clock-skew", defaultValue = "5s") Duration skew,
            @ConfigProperty(name = "faultline.commands.max-validity", defaultValue = "5m") Duration maxValidity,
            Clock clock) {
        Optional<PublicKey> key = keyFile.filter(f -> !f.isBlank()).map(f -> {
            try {
                return CommandSignatures.readPublicKey(Path.of(f));
            } catch (IOException e) {
                throw new UncheckedIOException("faultline.commands.public-key-file: " + e.getMessage(), e);
            }
        });
        if (key.isEmpty()) {
            LOG.error("no faultline.commands.public-key-file: this agent will reject every command");
        } else {
            LOG.infof("verifying commands with key %s from %s", CommandSignatures.keyId(key.get()), keyFile.get());
        }
        return new CommandVerifier(key, skew, maxValidity, clock);
    }
}
