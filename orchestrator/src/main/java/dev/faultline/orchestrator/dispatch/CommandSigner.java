package dev.faultline.orchestrator.dispatch;

import dev.faultline.common.command.ChaosCommand;
import dev.faultline.common.command.CommandSignatures;
import dev.faultline.common.command.SignedCommand;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signs every command with the orchestrator's Ed25519 key ({@code faultline.commands.private-key-file}, PKCS#8
 * PEM); agents verify with the public half. A command is valid for {@code faultline.commands.ttl} (default 60s):
 * long enough for a slow broker, short enough that a captured command is useless soon.
 */
@ApplicationScoped
public class CommandSigner {

    private final PrivateKey key;
    private final String keyId;
    private final Duration ttl;
    private final Clock clock;

    @Inject
    public CommandSigner(@ConfigProperty(name = "faultline.commands.private-key-file") String keyFile,
            @ConfigProperty(name = "faultline.commands.ttl", defaultValue = "60s") Duration ttl, Clock clock) {
        try {
            this.key = CommandSignatures.readPrivateKey(Path.of(keyFile));
        } catch (IOException e) {
            throw new UncheckedIOException("faultline.commands.private-key-file: " + e.getMessage(), e);
        }
        this.keyId = CommandSignatures.keyId(publicHalf(key));
        this.ttl = ttl;
        this.clock = clock;
    }

    public SignedCommand sign(ChaosCommand command) {
        return CommandSignatures.sign(command, key, keyId, clock.instant(), ttl);
    }

    public String keyId() {
        return keyId;
    }

    /** An Ed25519 PKCS#8 key from the JDK carries its public key; derive it so that one file is enough. */
    private static PublicKey publicHalf(PrivateKey privateKey) {
        try {
            // The last 32 bytes of the JDK's PKCS#8 v2 encoding are not guaranteed; derive through the EdDSA math.
            java.security.interfaces.EdECPrivateKey ed = (java.security.interfaces.EdECPrivateKey) privateKey;
            byte[] seed = ed.getBytes().orElseThrow();
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(new java.security.spec.NamedParameterSpec("Ed25519"), new FixedSeed(seed));
            PublicKey derived = generator.generateKeyPair().getPublic();
            return java.security.KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(derived.getEncoded()));
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("cannot derive the public key of the command signing key: "
                    + e.getMessage(), e);
        }
    }

    /** Hands the key pair generator the private key's seed, so that it derives the same pair. */
    private static final class FixedSeed extends java.security.SecureRandom {
        private final byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
