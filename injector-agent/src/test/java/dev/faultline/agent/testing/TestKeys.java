package dev.faultline.agent.testing;

import dev.faultline.common.command.ChaosCommand;
import dev.faultline.common.command.CommandSignatures;
import dev.faultline.common.command.SignedCommand;
import dev.faultline.common.json.ChaosJson;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A key pair generated for this test JVM, standing in for the orchestrator's: {@link #sign} makes commands the
 * agent under test accepts. As a Quarkus test resource it points {@code faultline.commands.public-key-file} at it.
 */
public class TestKeys implements QuarkusTestResourceLifecycleManager {

    public static final KeyPair PAIR = CommandSignatures.generateKeyPair();
    public static final String KEY_ID = CommandSignatures.keyId(PAIR.getPublic());
    private static final Path DIR = writeKeys();

    public static Path publicKeyFile() {
        return DIR.resolve("public.pem");
    }

    public static SignedCommand sign(ChaosCommand command, Instant now) {
        return CommandSignatures.sign(command, PAIR.getPrivate(), KEY_ID, now, Duration.ofSeconds(60));
    }

    /** Signed now by the wall clock, as JSON: what the orchestrator puts on the topic. */
    public static String signedJson(ChaosCommand command) {
        return ChaosJson.write(sign(command, Instant.now()));
    }

    @Override
    public Map<String, String> start() {
        return Map.of("faultline.commands.public-key-file", publicKeyFile().toString());
    }

    @Override
    public void stop() {
    }

    private static Path writeKeys() {
        try {
            Path dir = Files.createTempDirectory("faultline-test-keys-");
            CommandSignatures.writePem(PAIR, dir);
            dir.resolve("public.pem").toFile().deleteOnExit();
            dir.resolve("private.pem").toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
