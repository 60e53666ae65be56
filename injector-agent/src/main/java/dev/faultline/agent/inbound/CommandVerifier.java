package dev.faultline.agent.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.common.command.ChaosCommand;
import dev.faultline.common.command.CommandSignatures;
import dev.faultline.common.command.SignedCommand;
import dev.faultline.common.json.ChaosJson;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a record on {@code chaos-commands} comes from our orchestrator: a {@link SignedCommand} whose
 * Ed25519 signature verifies with the configured public key, valid now (give or take the allowed clock skew), not
 * valid for longer than the allowed maximum, and whose nonce has not been seen before. Nonces are remembered until
 * their command expires, after which the expiry check alone refuses a replay. Everything else is rejected, with a
 * reason for the security event.
 */
public final class CommandVerifier {

    /** What became of one record. */
    public sealed interface Verdict permits Accepted, Rejected {
    }

    public record Accepted(ChaosCommand command) implements Verdict {
    }

    /** @param command what could be read of the rejected record, for the event; may be absent */
    public record Rejected(String reason, String detail, Optional<ChaosCommand> command, String keyId)
            implements Verdict {
    }

    private static final int MAX_REMEMBERED_NONCES = 200_000;

    private final Optional<PublicKey> publicKey;
    private final String keyId;
    private final Duration maxClockSkew;
    private final Duration maxValidity;
    private final Clock clock;
    private final Map<String, Instant> seenNonces = new LinkedHashMap<>();

    public CommandVerifier(Optional<PublicKey> publicKey, Duration maxClockSkew, Duration maxValidity, Clock clock) {
        this.publicKey = publicKey;
        this.keyId = publicKey.map(CommandSignatures::keyId).orElse(null);
        this.maxClockSkew = maxClockSkew;
        this.maxValidity = maxValidity;
        this.clock = clock;
    }

    public synchronized Verdict verify(String payload) {
        JsonNode tree;
        try {
            tree = ChaosJson.messages().readTree(payload);
        } catch (Exception e) {
            return new Rejected("malformed", "not JSON: " + e.getMessage(), Optional.empty(), null);
        }
        if (tree == null || !tree.isObject()) {
            return new Rejected("malformed", "not a JSON object", Optional.empty(), null);
        }
        if (!tree.has("signature") && !tree.has("command")) {
            Optional<ChaosCommand> plain = readPlain(tree);
            return new Rejected(plain.isPresent() ? "unsigned" : "malformed",
                    plain.isPresent() ? "a command without a signature" : "neither a signed command nor a command",
                    plain, null);
        }
        SignedCommand signed;
        try {
            signed = ChaosJson.messages().treeToValue(tree, SignedCommand.class);
        } catch (Exception e) {
            return new Rejected("malformed", "unreadable signed command: " + firstLine(e.getMessage()),
                    Optional.empty(), tree.path("keyId").asText(null));
        }
        Optional<ChaosCommand> command = Optional.of(signed.command());
        if (publicKey.isEmpty()) {
            return new Rejected("no-public-key", "this agent has no public key to verify commands with "
                    + "(faultline.commands.public-key-file); it obeys nothing", command, signed.keyId());
        }
        if (!keyId.equals(signed.keyId())) {
            return new Rejected("unknown-key", "signed with key " + signed.keyId() + ", this agent trusts " + keyId,
                    command, signed.keyId());
        }
        if (!CommandSignatures.verify(signed, publicKey.get())) {
            return new Rejected("bad-signature", "the signature does not match the content (forged or altered)",
                    command, signed.keyId());
        }
        Instant now = clock.instant();
        if (now.isAfter(signed.expiresAt().plus(maxClockSkew))) {
            return new Rejected("expired", "expired at " + signed.expiresAt() + ", now is " + now, command,
                    signed.keyId());
        }
        if (signed.issuedAt().isAfter(now.plus(maxClockSkew))) {
            return new Rejected("not-yet-valid", "issued at " + signed.issuedAt() + ", in the future (now " + now + ")",
                    command, signed.keyId());
        }
        if (Duration.between(signed.issuedAt(), signed.expiresAt()).compareTo(maxValidity) > 0) {
            return new Rejected("expired", "valid for longer than the allowed " + maxValidity, command, signed.keyId());
        }
        forgetExpiredNonces(now);
        if (seenNonces.containsKey(signed.nonce())) {
            return new Rejected("replayed", "nonce " + signed.nonce() + " was used before", command, signed.keyId());
        }
        if (seenNonces.size() >= MAX_REMEMBERED_NONCES) {
            return new Rejected("replayed", "too many live nonces to remember; refusing rather than risk a replay",
                    command, signed.keyId());
        }
        seenNonces.put(signed.nonce(), signed.expiresAt().plus(maxClockSkew));
        return new Accepted(signed.command());
    }

    public synchronized int rememberedNonces() {
        return seenNonces.size();
    }

    private void forgetExpiredNonces(Instant now) {
        // Insertion order is close to expiry order; stop at the first live one, it is good enough to stay bounded.
        Iterator<Map.Entry<String, Instant>> it = seenNonces.entrySet().iterator();
        while (it.hasNext()) {
            if (it.next().getValue().isBefore(now)) {
                it.remove();
            } else {
                break;
            }
        }
    }

    private static Optional<ChaosCommand> readPlain(JsonNode tree) {
        try {
            return Optional.of(ChaosJson.messages().treeToValue(tree, ChaosCommand.class));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
