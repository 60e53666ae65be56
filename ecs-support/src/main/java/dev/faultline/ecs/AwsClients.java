package dev.faultline.ecs;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * The ECS and ELBv2 clients the services build, the usual AWS way: without an endpoint the SDK's default chains find
 * the region (when none is configured) and the credentials (environment, profile, the task role of an ECS task, the
 * instance profile). With an endpoint (the protocol contract tests' local server) the credentials are dummies.
 */
public final class AwsClients {

    /** ECS answers control-plane calls in well under a second; a hung connection should fail and be retried. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

    /**
     * @param endpoint an endpoint override, for tests; empty for AWS
     * @param region   the region, or empty for the SDK's default region chain ({@code AWS_REGION}, profile, IMDS)
     */
    public record Settings(Optional<URI> endpoint, Optional<String> region) {
        public Settings {
            endpoint = endpoint == null ? Optional.empty() : endpoint;
            region = region == null ? Optional.empty() : region.filter(r -> !r.isBlank());
        }

        public static Settings aws() {
            return new Settings(Optional.empty(), Optional.empty());
        }

        public static Settings local(URI endpoint) {
            return new Settings(Optional.of(endpoint), Optional.of("us-east-1"));
        }

        /** Where clients built from these settings go, in words for messages. */
        public String where() {
            return endpoint.map(URI::toString).orElse("AWS" + region.map(r -> " in " + r).orElse(""));
        }
    }

    private AwsClients() {
    }

    public static EcsClient ecs(Settings settings) {
        return configure(EcsClient.builder(), settings).build();
    }

    public static ElasticLoadBalancingV2Client elb(Settings settings) {
        return configure(ElasticLoadBalancingV2Client.builder(), settings).build();
    }

    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder,
            Settings settings) {
        builder.httpClient(UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(READ_TIMEOUT)
                .build());
        settings.region().ifPresent(r -> builder.region(Region.of(r)));
        settings.endpoint().ifPresent(uri -> builder
                .endpointOverride(uri)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("faultline", "local"))));
        return builder;
    }
}
