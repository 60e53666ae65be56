package dev.faultline.dynamodb;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The DynamoDB client every service builds, with the plain AWS SDK (the Quarkiverse extension is not served on
 * every build machine) and its small URL-connection HTTP client.
 */
public final class DynamoDbClients {

    /**
     * DynamoDB answers in milliseconds; a call that hangs (a half-closed keep-alive connection) should fail and be
     * retried by the SDK well before a consumer looks stuck, instead of after the client's 30 s default.
     */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private DynamoDbClients() {
    }

    public static DynamoDbClient build(Optional<URI> endpoint, String region) {
        return build(endpoint, region, CONNECT_TIMEOUT, READ_TIMEOUT);
    }

    /** The endpoint setting's value that means AWS's own endpoint for the region (an empty value means the default). */
    public static final String AWS = "aws";

    /**
     * With a local endpoint (dynalite, local testing) the credentials are dummies, since such a server checks none;
     * with {@value #AWS}, none, or an {@code amazonaws.com} endpoint (a VPC or FIPS endpoint) the SDK's default chain
     * finds the real ones for {@code region}: the services' settings fall back to the local dynalite when the
     * endpoint is unset, so AWS has to be said.
     */
    public static DynamoDbClient build(Optional<URI> endpoint, String region, Duration connectTimeout,
            Duration readTimeout) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(connectTimeout)
                        .socketTimeout(readTimeout)
                        .build())
                .region(Region.of(region));
        Optional<URI> override = override(endpoint);
        override.ifPresent(builder::endpointOverride);
        if (override.isPresent() && !onAws(override.get())) {
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("faultline", "local")));
        }
        return builder.build();
    }

    /** The endpoint to override the SDK's with: none for {@value #AWS} or no setting. */
    static Optional<URI> override(Optional<URI> endpoint) {
        return endpoint.filter(uri -> !AWS.equalsIgnoreCase(uri.toString().trim()));
    }

    /** An endpoint of AWS itself, which checks real credentials. */
    static boolean onAws(URI endpoint) {
        String host = endpoint.getHost();
        return host != null && (host.endsWith(".amazonaws.com") || host.endsWith(".amazonaws.com.cn"));
    }

    /** Where a client built from these settings goes, in words for messages: the endpoint or AWS's region. */
    public static String where(Optional<URI> endpoint, String region) {
        return override(endpoint).map(URI::toString).orElse("DynamoDB in " + region);
    }
}
