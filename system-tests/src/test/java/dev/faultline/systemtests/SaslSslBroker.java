package dev.faultline.systemtests;

import dev.faultline.testsupport.TestContainers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A private broker of {@code deploy/kafka.sh} with its SASL_SSL (SCRAM-SHA-512) listener, on free ports and in a
 * folder of its own under target/: the shared broker on 19092 is never touched. Started and stopped through the
 * script (which stops it by its pid file); its {@code client.env} is what a service on another host is given.
 */
final class SaslSslBroker implements BeforeAllCallback, AfterAllCallback {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Map<String, String> scriptEnvironment = new LinkedHashMap<>();
    private Path dir;
    private Map<String, String> clientEnvironment;
    private int saslPort;
    private int plaintextPort;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Path.of("target", "kafka-sasl-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        plaintextPort = TestContainers.freePort();
        saslPort = TestContainers.freePort();
        scriptEnvironment.put("FL_KAFKA_PORT", String.valueOf(plaintextPort));
        scriptEnvironment.put("FL_KAFKA_CONTROLLER_PORT", String.valueOf(TestContainers.freePort()));
        scriptEnvironment.put("FL_KAFKA_SASL_SSL_PORT", String.valueOf(saslPort));
        scriptEnvironment.put("FL_KAFKA_DIR", dir.toString());
        script("start", START_TIMEOUT);
        clientEnvironment = readEnv(dir.resolve("sasl").resolve("client.env"));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (dir != null) {
            script("stop", Duration.ofSeconds(60));
        }
    }

    /** The FAULTLINE_KAFKA_* settings deploy/kafka.sh wrote for clients of the SASL_SSL listener. */
    Map<String, String> clientEnvironment() {
        return clientEnvironment;
    }

    int saslPort() {
        return saslPort;
    }

    private void script(String command, Duration timeout) throws IOException, InterruptedException {
        Path log = Files.createDirectories(dir).resolve("script-" + command + ".log");
        ProcessBuilder builder = new ProcessBuilder(
                FaultlineStack.repositoryRoot().resolve("deploy/kafka.sh").toString(), command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(scriptEnvironment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("deploy/kafka.sh " + command + " did not finish in " + timeout + "; see "
                    + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("deploy/kafka.sh " + command + " failed (" + process.exitValue() + "): "
                    + Files.readString(log));
        }
    }

    private static Map<String, String> readEnv(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }
}
