package dev.faultline.common.command;

import dev.faultline.common.validation.Checks;
import java.time.Instant;

/**
 * The value of every record on {@code chaos-commands}: a command with the orchestrator's Ed25519 signature over
 * {@link CommandSignatures#signedBytes}. Agents act only on a command whose signature verifies with their public
 * key, that has not expired and whose nonce they have not seen before.
 *
 * @param keyId     which key signed (the first 16 hex digits of the SHA-256 of the public key's X.509 encoding)
 * @param signature base64 of the Ed25519 signature
 */
public record SignedCommand(
        ChaosCommand command,
        Instant issuedAt,
        Instant expiresAt,
        String nonce,
        String keyId,
        String signature) {

    public SignedCommand {
        Checks checks = Checks.start()
                .notNull(command, "command")
                .notNull(issuedAt, "issuedAt")
                .notNull(expiresAt, "expiresAt")
                .notBlank(nonce, "nonce")
                .notBlank(keyId, "keyId")
                .notBlank(signature, "signature");
        checks.require(issuedAt == null || expiresAt == null || expiresAt.isAfter(issuedAt), "expiresAt",
                "must be after issuedAt");
        checks.throwIfAny();
    }
}
