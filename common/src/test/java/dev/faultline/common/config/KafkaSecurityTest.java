package dev.faultline.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSecurityTest {

    private static final String SECRET = "s3cr\"et\\pw";

    @TempDir
    Path dir;

    private static Map<String, String> resolve(Map<String, String> settings) {
        return KafkaSecurity.resolve(name -> Optional.ofNullable(settings.get(name)));
    }

    private Path store(String name) throws IOException {
        return Files.writeString(dir.resolve(name), "not read here");
    }

    @Test
    void noSettingsIsThePlaintextLocalStack() {
        assertThat(resolve(Map.of())).isEmpty();
        assertThat(resolve(Map.of(KafkaSecurity.PROTOCOL, "plaintext"))).isEmpty();
    }

    @Test
    void scramOverTlsBuildsAnEscapedJaasLineAndTheTruststore() throws IOException {
        Path truststore = store("truststore.p12");
        Map<String, String> props = resolve(Map.of(KafkaSecurity.PROTOCOL, "SASL_SSL",
                KafkaSecurity.USERNAME, "faultline", KafkaSecurity.PASSWORD, SECRET,
                KafkaSecurity.TRUSTSTORE, truststore.toString(), KafkaSecurity.TRUSTSTORE_PASSWORD, "trust",
                KafkaSecurity.TRUSTSTORE_TYPE, "pkcs12"));
        assertThat(props).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"faultline\" password=\"s3cr\\\"et\\\\pw\";")
                .containsEntry("ssl.truststore.location", truststore.toString())
                .containsEntry("ssl.truststore.password", "trust")
                .containsEntry("ssl.truststore.type", "PKCS12");
        assertThat(KafkaSecurity.CLIENT_KEYS).containsAll(props.keySet());
    }

    @Test
    void mutualTlsNeedsTheKeystorePassword() throws IOException {
        Path keystore = store("client.p12");
        Map<String, String> settings = new HashMap<>(Map.of(KafkaSecurity.PROTOCOL, "SSL",
                KafkaSecurity.KEYSTORE, keystore.toString()));
        assertThatThrownBy(() -> resolve(settings)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("faultline.kafka.ssl.keystore-password (FAULTLINE_KAFKA_SSL_KEYSTORE_PASSWORD)"
                        + " is missing");
        settings.put(KafkaSecurity.KEYSTORE_PASSWORD, "ks");
        assertThat(resolve(settings)).containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.keystore.location", keystore.toString())
                .containsEntry("ssl.keystore.password", "ks")
                .doesNotContainKey("sasl.mechanism");
    }

    @Test
    void saslWithoutAPasswordIsRefusedWithoutPrintingTheUsername() {
        assertThatThrownBy(() -> resolve(Map.of(KafkaSecurity.PROTOCOL, "SASL_SSL",
                KafkaSecurity.USERNAME, "faultline")))
                .hasMessageContaining("refusing to start")
                .hasMessageContaining("FAULTLINE_KAFKA_SASL_PASSWORD")
                .hasMessageNotContaining("faultline.kafka.sasl.username (");
    }

    @Test
    void aPasswordWithoutSaslIsRefusedAndNeverPrinted() {
        assertThatThrownBy(() -> resolve(Map.of(KafkaSecurity.PASSWORD, SECRET)))
                .hasMessageContaining("faultline.kafka.sasl.password (FAULTLINE_KAFKA_SASL_PASSWORD) set but")
                .hasMessageContaining("PLAINTEXT")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> resolve(Map.of(KafkaSecurity.PROTOCOL, "SSL", KafkaSecurity.USERNAME, "u",
                KafkaSecurity.PASSWORD, SECRET)))
                .hasMessageContaining("SASL needs SASL_SSL")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void clearTextSaslAndUnknownNamesAreRefused() {
        assertThatThrownBy(() -> resolve(Map.of(KafkaSecurity.PROTOCOL, "SASL_PLAINTEXT")))
                .hasMessageContaining("sends the password in clear");
        assertThatThrownBy(() -> resolve(Map.of(KafkaSecurity.PROTOCOL, "SASL_SSL",
                KafkaSecurity.MECHANISM, "PLAIN", KafkaSecurity.USERNAME, "u", KafkaSecurity.PASSWORD, "p")))
                .hasMessageContaining("one of SCRAM-SHA-512, SCRAM-SHA-256, AWS_MSK_IAM");
    }

    @Test
    void aMissingStoreFileIsRefusedAtStartNotAtTheFirstRecord() {
        assertThatThrownBy(() -> resolve(Map.of(KafkaSecurity.PROTOCOL, "SSL",
                KafkaSecurity.TRUSTSTORE, dir.resolve("absent.p12").toString())))
                .hasMessageContaining("absent.p12, which is not a readable file");
        assertThatThrownBy(() -> resolve(Map.of(KafkaSecurity.PROTOCOL, "SSL",
                KafkaSecurity.TRUSTSTORE_PASSWORD, "trust")))
                .hasMessageContaining("truststore-password (FAULTLINE_KAFKA_SSL_TRUSTSTORE_PASSWORD) set without");
    }

    @Test
    void mskIamUsesTheAwsCredentialsAndRefusesAPassword() {
        Map<String, String> props = resolve(Map.of(KafkaSecurity.PROTOCOL, "SASL_SSL",
                KafkaSecurity.MECHANISM, "aws_msk_iam", KafkaSecurity.AWS_ROLE_ARN, "arn:aws:iam::1:role/faultline"));
        assertThat(props).containsEntry("sasl.mechanism", "AWS_MSK_IAM")
                .containsEntry("sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required"
                        + " awsRoleArn=\"arn:aws:iam::1:role/faultline\";")
                .containsEntry("sasl.client.callback.handler.class",
                        "software.amazon.msk.auth.iam.IAMClientCallbackHandler")
                .doesNotContainKey("ssl.truststore.location");
        assertThatThrownBy(() -> resolve(Map.of(KafkaSecurity.PROTOCOL, "SASL_SSL",
                KafkaSecurity.MECHANISM, "AWS_MSK_IAM", KafkaSecurity.PASSWORD, SECRET)))
                .hasMessageContaining("signs with the AWS credentials")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void ownClientsCopyOnlyTheSecurityKeysOfThePassThrough() {
        Map<String, String> config = Map.of("kafka.security.protocol", "SASL_SSL", "kafka.sasl.mechanism",
                "SCRAM-SHA-512", "kafka.bootstrap.servers", "b:9096", "kafka.group.id", "g",
                "kafka.ssl.truststore.location", "");
        assertThat(KafkaSecurity.clientProperties(name -> Optional.ofNullable(config.get(name))))
                .containsOnly(Map.entry("security.protocol", "SASL_SSL"), Map.entry("sasl.mechanism", "SCRAM-SHA-512"));
    }
}
