package dev.faultline.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DynamoDbClientsTest {

    @Test
    void awsMeansTheSdksOwnEndpointAndALocalOneIsKept() {
        assertThat(DynamoDbClients.override(Optional.of(URI.create("aws")))).isEmpty();
        assertThat(DynamoDbClients.override(Optional.of(URI.create("AWS")))).isEmpty();
        assertThat(DynamoDbClients.override(Optional.empty())).isEmpty();
        assertThat(DynamoDbClients.override(Optional.of(URI.create("http://127.0.0.1:18000"))))
                .contains(URI.create("http://127.0.0.1:18000"));
        assertThat(DynamoDbClients.where(Optional.of(URI.create("aws")), "eu-west-1")).isEqualTo("DynamoDB in eu-west-1");
    }

    @Test
    void onlyAwsEndpointsGetRealCredentials() {
        assertThat(DynamoDbClients.onAws(URI.create("https://dynamodb.eu-west-1.amazonaws.com"))).isTrue();
        assertThat(DynamoDbClients.onAws(URI.create("https://vpce-1a2b.dynamodb.eu-west-1.vpce.amazonaws.com"))).isTrue();
        assertThat(DynamoDbClients.onAws(URI.create("http://127.0.0.1:18000"))).isFalse();
        assertThat(DynamoDbClients.onAws(URI.create("http://dynamodb:8000"))).isFalse();
        assertThat(DynamoDbClients.onAws(URI.create("http://amazonaws.com.example.org"))).isFalse();
    }
}
