package dev.faultline.common.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The one owner of how a Faultline service secures its Kafka clients: it turns the {@code faultline.kafka.*}
 * settings (environment variables {@code FAULTLINE_KAFKA_*}, docs/security.md) into the Kafka client properties
 * for TLS (truststore, optional keystore for mutual TLS) and SASL (SCRAM-SHA-512/256, or AWS_MSK_IAM for Amazon
 * MSK). Pure logic: {@link KafkaSecurityConfigFactory} lends the result to every channel as {@code kafka.*}, and the
 * services' own clients (integrity checks) copy the same {@code kafka.*} keys through {@link #clientProperties}.
 *
 * <p>A half-configured client is refused with a message that names the missing or stray setting (never a secret's
 * value): a SASL password without SASL, SASL without a password, a keystore without its password. Across hosts a
 * silently ignored setting would mean a broker reached in plain text, or a start that fails only at the first
 * record.
 */
public final class KafkaSecurity {

    public static final String PROTOCOL = "faultline.kafka.security-protocol";
    public static final String MECHANISM = "faultline.kafka.sasl.mechanism";
    public static final String USERNAME = "faultline.kafka.sasl.username";
    public static final String PASSWORD = "faultline.kafka.sasl.password";
    public static final String AWS_PROFILE = "faultline.kafka.sasl.aws-profile";
    public static final String AWS_ROLE_ARN = "faultline.kafka.sasl.aws-role-arn";
    public static final String TRUSTSTORE = "faultline.kafka.ssl.truststore-location";
    public static final String TRUSTSTORE_PASSWORD = "faultline.kafka.ssl.truststore-password";
    public static final String TRUSTSTORE_TYPE = "faultline.kafka.ssl.truststore-type";
    public static final String KEYSTORE = "faultline.kafka.ssl.keystore-location";
    public static final String KEYSTORE_PASSWORD = "faultline.kafka.ssl.keystore-password";
    public static final String KEYSTORE_TYPE = "faultline.kafka.ssl.keystore-type";
    public static final String KEY_PASSWORD = "faultline.kafka.ssl.key-password";
    /** Every setting above, in the order docs/configuration.md lists them. */
    public static final List<String> SETTINGS = List.of(PROTOCOL, MECHANISM, USERNAME, PASSWORD, AWS_PROFILE,
            AWS_ROLE_ARN, TRUSTSTORE, TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPE, KEYSTORE, KEYSTORE_PASSWORD,
            KEYSTORE_TYPE, KEY_PASSWORD);

    public static final String SCRAM_SHA_512 = "SCRAM-SHA-512";
    public static final String SCRAM_SHA_256 = "SCRAM-SHA-256";
    public static final String AWS_MSK_IAM = "AWS_MSK_IAM";
    private static final Set<String> MECHANISMS = Set.of(SCRAM_SHA_512, SCRAM_SHA_256, AWS_MSK_IAM);
    /** PLAINTEXT is the local default; SASL_PLAINTEXT is left out on purpose: it sends the password in clear. */
    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_SSL");

    private static final String SCRAM_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule";
    private static final String IAM_LOGIN = "software.amazon.msk.auth.iam.IAMLoginModule";
    private static final String IAM_CALLBACK = "software.amazon.msk.auth.iam.IAMClientCallbackHandler";

    /**
     * The Kafka client property names this class may set, without the {@code kafka.} prefix of Quarkus' pass-through
     * ({@code ssl.endpoint.identification.algorithm} is left at Kafka's {@code https}: the broker's certificate must
     * name its host).
     */
    public static final List<String> CLIENT_KEYS = List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config",
            "sasl.client.callback.handler.class", "ssl.truststore.location", "ssl.truststore.password",
            "ssl.truststore.type", "ssl.keystore.location", "ssl.keystore.password", "ssl.keystore.type",
            "ssl.key.password");

    private KafkaSecurity() {
    }

    /**
     * The Kafka client properties of the settings {@code setting} finds; empty for a plaintext client (the local
     * stack). Throws {@link IllegalArgumentException} when the settings are contradictory or incomplete.
     */
    public static Map<String, String> resolve(Function<String, Optional<String>> setting) {
        Function<String, Optional<String>> present = name -> setting.apply(name).map(String::strip)
                .filter(v -> !v.isEmpty());
        String protocol = present.apply(PROTOCOL).map(v -> v.toUpperCase(Locale.ROOT)).orElse("PLAINTEXT");
        List<String> problems = new ArrayList<>();
        if (!PROTOCOLS.contains(protocol)) {
            throw refused(List.of(PROTOCOL + " is " + protocol + "; one of PLAINTEXT, SSL, SASL_SSL"
                    + " (SASL_PLAINTEXT is refused: it sends the password in clear)"));
        }
        boolean tls = !protocol.equals("PLAINTEXT");
        boolean sasl = protocol.equals("SASL_SSL");
        Map<String, String> props = new LinkedHashMap<>();
        if (!tls) {
            List<String> stray = SETTINGS.stream().filter(s -> !s.equals(PROTOCOL))
                    .filter(s -> present.apply(s).isPresent()).toList();
            if (!stray.isEmpty()) {
                throw refused(List.of(String.join(", ", stray) + " set but " + PROTOCOL + " is PLAINTEXT"
                        + " (set it to SSL or SASL_SSL, or remove them)"));
            }
            return props;
        }
        props.put("security.protocol", protocol);
        if (sasl) {
            sasl(present, props, problems);
        } else {
            for (String s : List.of(MECHANISM, USERNAME, PASSWORD, AWS_PROFILE, AWS_ROLE_ARN)) {
                if (present.apply(s).isPresent()) {
                    problems.add(s + " set but " + PROTOCOL + " is SSL (SASL needs SASL_SSL)");
                }
            }
        }
        store(present, "truststore", TRUSTSTORE, TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPE, false, props, problems);
        store(present, "keystore", KEYSTORE, KEYSTORE_PASSWORD, KEYSTORE_TYPE, true, props, problems);
        Optional<String> keyPassword = present.apply(KEY_PASSWORD);
        if (keyPassword.isPresent()) {
            if (present.apply(KEYSTORE).isEmpty()) {
                problems.add(KEY_PASSWORD + " set without " + KEYSTORE);
            }
            props.put("ssl.key.password", keyPassword.get());
        }
        if (!problems.isEmpty()) {
            throw refused(problems);
        }
        return props;
    }

    private static void sasl(Function<String, Optional<String>> present, Map<String, String> props,
            List<String> problems) {
        String mechanism = present.apply(MECHANISM).map(v -> v.toUpperCase(Locale.ROOT)).orElse(SCRAM_SHA_512);
        if (!MECHANISMS.contains(mechanism)) {
            problems.add(MECHANISM + " is " + mechanism + "; one of " + SCRAM_SHA_512 + ", " + SCRAM_SHA_256 + ", "
                    + AWS_MSK_IAM);
            return;
        }
        props.put("sasl.mechanism", mechanism);
        Optional<String> username = present.apply(USERNAME);
        Optional<String> password = present.apply(PASSWORD);
        if (mechanism.equals(AWS_MSK_IAM)) {
            if (username.isPresent() || password.isPresent()) {
                problems.add(USERNAME + "/" + PASSWORD + " set but " + AWS_MSK_IAM + " signs with the AWS"
                        + " credentials (remove them, or use SCRAM)");
            }
            StringBuilder jaas = new StringBuilder(IAM_LOGIN).append(" required");
            present.apply(AWS_PROFILE).ifPresent(p -> jaas.append(" awsProfileName=").append(quoted(p)));
            present.apply(AWS_ROLE_ARN).ifPresent(r -> jaas.append(" awsRoleArn=").append(quoted(r)));
            props.put("sasl.jaas.config", jaas.append(';').toString());
            props.put("sasl.client.callback.handler.class", IAM_CALLBACK);
            return;
        }
        for (String s : List.of(AWS_PROFILE, AWS_ROLE_ARN)) {
            if (present.apply(s).isPresent()) {
                problems.add(s + " set but " + MECHANISM + " is " + mechanism + " (it is for " + AWS_MSK_IAM + ")");
            }
        }
        if (username.isEmpty()) {
            problems.add(USERNAME + " is missing for SASL_SSL with " + mechanism);
        }
        if (password.isEmpty()) {
            problems.add(PASSWORD + " is missing for SASL_SSL with " + mechanism);
        }
        if (username.isPresent() && password.isPresent()) {
            props.put("sasl.jaas.config", SCRAM_LOGIN + " required username=" + quoted(username.get())
                    + " password=" + quoted(password.get()) + ";");
        }
    }

    private static void store(Function<String, Optional<String>> present, String kind, String location,
            String password, String type, boolean passwordRequired, Map<String, String> props, List<String> problems) {
        Optional<String> path = present.apply(location);
        Optional<String> secret = present.apply(password);
        Optional<String> storeType = present.apply(type);
        if (path.isEmpty()) {
            if (secret.isPresent() || storeType.isPresent()) {
                problems.add((secret.isPresent() ? password : type) + " set without " + location);
            }
            return;
        }
        if (!Files.isReadable(Path.of(path.get()))) {
            problems.add(location + " names " + path.get() + ", which is not a readable file");
        }
        if (passwordRequired && secret.isEmpty()) {
            problems.add(password + " is missing for the " + kind + " " + path.get());
        }
        props.put("ssl." + kind + ".location", path.get());
        secret.ifPresent(s -> props.put("ssl." + kind + ".password", s));
        storeType.ifPresent(t -> props.put("ssl." + kind + ".type", t.toUpperCase(Locale.ROOT)));
    }

    /**
     * The security properties of a client the service builds itself (an AdminClient, a consumer of a system's
     * topic): the same {@code kafka.*} keys the channels get, so both reach the broker the same way.
     */
    public static Map<String, String> clientProperties(Function<String, Optional<String>> config) {
        Map<String, String> props = new LinkedHashMap<>();
        for (String key : CLIENT_KEYS) {
            config.apply("kafka." + key).filter(v -> !v.isBlank()).ifPresent(v -> props.put(key, v));
        }
        return props;
    }

    /** A JAAS option value: quoted, with the tokenizer's escapes, so that a password may hold {@code "} or {@code \}. */
    static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static IllegalArgumentException refused(List<String> problems) {
        String message = String.join("; ", problems);
        // Each setting also by its environment variable, the way a container or task definition sets it.
        for (String setting : SETTINGS) {
            message = message.replace(setting, setting + " (" + environmentVariable(setting) + ")");
        }
        return new IllegalArgumentException("Kafka security is misconfigured, refusing to start: " + message
                + " (docs/security.md, 'Kafka across hosts')");
    }

    /** The environment variable of a setting, as Quarkus maps it: {@code FAULTLINE_KAFKA_SASL_PASSWORD}. */
    public static String environmentVariable(String setting) {
        return setting.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
