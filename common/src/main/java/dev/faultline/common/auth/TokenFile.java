package dev.faultline.common.auth;

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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The API tokens file ({@code faultline.auth.tokens-file}) that every Faultline service with an HTTP API reads: one
 * token per line, {@code <sha256-hex> <role> <name>}, {@code #} starts a comment. Only the SHA-256 of a token is
 * stored, so the file reveals no token. See docs/security.md.
 */
public final class TokenFile {

    /** A token's owner. */
    public record Identity(String name, Role role) {
    }

    private final Map<String, Identity> byHash;

    private TokenFile(Map<String, Identity> byHash) {
        this.byHash = Map.copyOf(byHash);
    }

    /** A file's tokens; a missing or malformed file is an error that names the file and the line. */
    public static TokenFile load(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("faultline.auth.tokens-file " + file + ": " + e.getMessage(), e);
        }
    }

    /** No token at all: nobody is authenticated. */
    public static TokenFile empty() {
        return new TokenFile(Map.of());
    }

    public static TokenFile parse(List<String> lines, String source) {
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
            tokens.put(parts[0].toLowerCase(Locale.ROOT), new Identity(parts[2], role));
        }
        return new TokenFile(tokens);
    }

    public int size() {
        return byHash.size();
    }

    /** Who presented {@code token}, if it is one of the file's. */
    public Optional<Identity> identify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byHash.get(sha256(token.trim())));
    }

    /** The owner of the token whose SHA-256 is {@code hash} (lower-case hex). */
    public Optional<Identity> byHash(String hash) {
        return Optional.ofNullable(byHash.get(hash.toLowerCase(Locale.ROOT)));
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

    /** The token of an {@code Authorization: Bearer <token>} header, if it is one. */
    public static Optional<String> bearer(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(authorizationHeader.substring(7).trim());
    }
}
