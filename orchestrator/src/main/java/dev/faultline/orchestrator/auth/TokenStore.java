package dev.faultline.orchestrator.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The API tokens, from {@code faultline.auth.tokens-file}: one token per line, {@code <sha256-hex> <role> <name>},
 * {@code #} starts a comment. Only the SHA-256 of a token is stored, so the file reveals no token. Without a file
 * no request is authenticated (the API refuses everything but health).
 */
@ApplicationScoped
public class TokenStore {

    private static final Logger LOG = Logger.getLogger(TokenStore.class);

    /** A token's owner. */
    public record Identity(String name, Role role) {
    }

    private final Map<String, Identity> byHash;
    private final boolean configured;

    @Inject
    public TokenStore(@ConfigProperty(name = "faultline.auth.tokens-file") Optional<String> file) {
        this.configured = file.filter(f -> !f.isBlank()).isPresent();
        this.byHash = configured ? load(Path.of(file.get())) : Map.of();
        if (!configured) {
            LOG.error("no faultline.auth.tokens-file: every API request will be refused with 401");
        } else {
            LOG.infof("%d API token(s) from %s", byHash.size(), file.get());
        }
    }

    public boolean configured() {
        return configured;
    }

    public Optional<Identity> identify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byHash.get(sha256(token.trim())));
    }

    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line of the file for {@code token}. */
    public static String line(String token, Role role, String name) {
        return sha256(token) + " " + role.wireName() + " " + name;
    }

    static Map<String, Identity> parse(List<String> lines, String source) {
        Map<String, Identity> tokens = new HashMap<>();
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 3);
            if (parts.length != 3 || !parts[0].matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException(source + ":" + n
                        + ": expected '<sha256-hex> <viewer|operator|admin> <name>'");
            }
            Role role;
            try {
                role = Role.parse(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ":" + n + ": unknown role '" + parts[1] + "'", e);
            }
            tokens.put(parts[0].toLowerCase(java.util.Locale.ROOT), new Identity(parts[2], role));
        }
        return Map.copyOf(tokens);
    }

    private static Map<String, Identity> load(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("faultline.auth.tokens-file " + file + ": " + e.getMessage(), e);
        }
    }
}
