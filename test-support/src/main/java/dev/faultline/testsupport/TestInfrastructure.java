package dev.faultline.testsupport;

import dev.faultline.common.config.LocalStack;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the real services that integration tests use are listening. {@code ./faultline up} (called by
 * {@code ./faultline test}) starts them; the environment variables override the defaults so that a developer can
 * point tests at other instances.
 */
public final class TestInfrastructure {

    public static final String KAFKA_ENV = "FAULTLINE_KAFKA_BOOTSTRAP";
    public static final String DYNAMODB_ENV = "FAULTLINE_DYNAMODB_ENDPOINT";
    /** The SNS and SQS APIs (fauxqs) of the alert tests. */
    public static final String SNS_ENV = "FAULTLINE_SNS_ENDPOINT";
    public static final String DEFAULT_KAFKA = LocalStack.KAFKA_BOOTSTRAP;
    public static final String DEFAULT_DYNAMODB = LocalStack.DYNAMODB_ENDPOINT;
    public static final String DEFAULT_SNS = LocalStack.SNS_ENDPOINT;
    public static final Path DOCKER_SOCKET = Path.of("/var/run/docker.sock");

    private TestInfrastructure() {
    }

    public static String kafkaBootstrap() {
        return envOr(KAFKA_ENV, DEFAULT_KAFKA);
    }

    public static URI dynamoDbEndpoint() {
        return URI.create(envOr(DYNAMODB_ENV, DEFAULT_DYNAMODB));
    }

    /** Fails the calling test with a message that says how to start the broker, rather than a timeout later. */
    public static String requireKafka() {
        String bootstrap = kafkaBootstrap();
        String[] hostPort = bootstrap.split(",")[0].split(":");
        requireListening(hostPort[0], Integer.parseInt(hostPort[1]), "Kafka broker (" + KAFKA_ENV + ")");
        return bootstrap;
    }

    public static URI requireDynamoDb() {
        URI endpoint = dynamoDbEndpoint();
        requireListening(endpoint.getHost(), endpoint.getPort(), "DynamoDB API (" + DYNAMODB_ENV + ")");
        return endpoint;
    }

    public static URI snsEndpoint() {
        return URI.create(envOr(SNS_ENV, DEFAULT_SNS));
    }

    /** The SNS and SQS APIs (fauxqs, started by {@code ./faultline up}); fails the test with how to start them. */
    public static URI requireSns() {
        URI endpoint = snsEndpoint();
        requireListening(endpoint.getHost(), endpoint.getPort(), "SNS/SQS API (" + SNS_ENV + ")");
        return endpoint;
    }

    public static void requireDocker() {
        if (!Files.exists(DOCKER_SOCKET)) {
            throw new IllegalStateException("no Docker engine at " + DOCKER_SOCKET + "; start it with ./faultline up");
        }
    }

    private static void requireListening(String host, int port, String what) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
        } catch (IOException e) {
            throw new IllegalStateException(
                    what + " is not listening on " + host + ":" + port + "; start it with ./faultline up", e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
