package dev.faultline.orchestrator.testing;

import dev.faultline.common.command.ChaosCommand;
import dev.faultline.common.command.CommandSignatures;
import dev.faultline.common.command.SignedCommand;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.auth.Role;
import dev.faultline.common.auth.TokenFile;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The orchestrator's secrets, generated for this test JVM: a command-signing key pair and a tokens file with one
 * token per role. Registered as a Quarkus test resource, it points the orchestrator at them.
 */
public class TestSecurity implements QuarkusTestResourceLifecycleManager {

    public static final String VIEWER = "viewer-" + UUID.randomUUID();
    public static final String OPERATOR = "operator-" + UUID.randomUUID();
    public static final String ADMIN = "admin-" + UUID.randomUUID();
    public static final KeyPair KEYS = CommandSignatures.generateKeyPair();
    private static final Path DIR = write();

    static {
        // RestAssured must be told that YAML is text.
        RestAssured.config = RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                .encodeContentTypeAs("application/yaml", io.restassured.http.ContentType.TEXT));
    }

    /** Loads the class (and so the RestAssured set-up) from tests that use plain given(). */
    public static void init() {
    }

    public static RequestSpecification as(String token) {
        return RestAssured.given().header("Authorization", "Bearer " + token);
    }

    public static RequestSpecification asOperator() {
        return as(OPERATOR);
    }

    /** The command inside a record from the commands channel, after checking its signature. */
    public static ChaosCommand verifiedCommand(String payload) {
        try {
            SignedCommand signed = ChaosJson.read(payload, SignedCommand.class);
            if (!CommandSignatures.verify(signed, KEYS.getPublic())) {
                throw new AssertionError("command not signed with the orchestrator's key: " + payload);
            }
            return signed.command();
        } catch (IOException e) {
            throw new AssertionError("not a signed command: " + payload, e);
        }
    }

    @Override
    public Map<String, String> start() {
        return Map.of("faultline.auth.tokens-file", DIR.resolve("tokens").toString(),
                "faultline.commands.private-key-file", DIR.resolve("private.pem").toString());
    }

    @Override
    public void stop() {
    }

    private static Path write() {
        try {
            Path dir = Files.createTempDirectory("faultline-test-security-");
            CommandSignatures.writePem(KEYS, dir);
            Files.write(dir.resolve("tokens"), List.of("# test tokens",
                    TokenFile.line(VIEWER, Role.VIEWER, "vera-viewer"),
                    TokenFile.line(OPERATOR, Role.OPERATOR, "otto-operator"),
                    TokenFile.line(ADMIN, Role.ADMIN, "ada-admin")));
            for (String f : new String[] {"tokens", "private.pem", "public.pem"}) {
                dir.resolve(f).toFile().deleteOnExit();
            }
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
