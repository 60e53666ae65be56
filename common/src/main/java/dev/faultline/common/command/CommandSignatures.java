package dev.faultline.common.command;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.faultline.common.json.ChaosJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 signing of commands with the JDK's own provider (no extra dependency). What is signed is a canonical
 * serialization, so that the agent can rebuild it from what it parsed: the command as JSON with properties and
 * map entries sorted, then issuedAt, expiresAt, nonce and keyId, one per line. Keys are PEM files as
 * {@code openssl genpkey -algorithm ed25519} writes them (PKCS#8 private, X.509 public).
 */
public final class CommandSignatures {

    public static final String ALGORITHM = "Ed25519";

    private static final ObjectMapper CANONICAL = ChaosJson.messages().copy()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final SecureRandom RANDOM = new SecureRandom();

    private CommandSignatures() {
    }

    /** Signs {@code command}, valid from {@code now} for {@code ttl}, with a fresh random nonce. */
    public static SignedCommand sign(ChaosCommand command, PrivateKey key, String keyId, Instant now, Duration ttl) {
        byte[] nonceBytes = new byte[16];
        RANDOM.nextBytes(nonceBytes);
        String nonce = HexFormat.of().formatHex(nonceBytes);
        Instant expiresAt = now.plus(ttl);
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(signedBytes(command, now, expiresAt, nonce, keyId));
            return new SignedCommand(command, now, expiresAt, nonce, keyId,
                    Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + ALGORITHM + ": " + e.getMessage(), e);
        }
    }

    /** Whether the signature of {@code signed} was made over its content by the private half of {@code key}. */
    public static boolean verify(SignedCommand signed, PublicKey key) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(signedBytes(signed.command(), signed.issuedAt(), signed.expiresAt(), signed.nonce(),
                    signed.keyId()));
            return verifier.verify(Base64.getDecoder().decode(signed.signature()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    public static byte[] signedBytes(ChaosCommand command, Instant issuedAt, Instant expiresAt, String nonce,
            String keyId) {
        try {
            String text = CANONICAL.writeValueAsString(command) + "\n" + issuedAt + "\n" + expiresAt + "\n" + nonce
                    + "\n" + keyId;
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + command.getClass().getSimpleName(), e);
        }
    }

    /** The first 16 hex digits of the SHA-256 of the key's encoding: names the key without revealing anything. */
    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair generateKeyPair() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no " + ALGORITHM, e);
        }
    }

    public static PublicKey readPublicKey(Path pemFile) throws IOException {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(pemBody(pemFile)));
        } catch (GeneralSecurityException e) {
            throw new IOException(pemFile + " is not an " + ALGORITHM + " public key (X.509 PEM): " + e.getMessage(), e);
        }
    }

    public static PrivateKey readPrivateKey(Path pemFile) throws IOException {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(pemBody(pemFile)));
        } catch (GeneralSecurityException e) {
            throw new IOException(pemFile + " is not an " + ALGORITHM + " private key (PKCS#8 PEM): " + e.getMessage(), e);
        }
    }

    /** Writes both halves as PEM: {@code private.pem} and {@code public.pem} in {@code dir}. */
    public static void writePem(KeyPair pair, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(dir.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    private static String pem(String kind, byte[] der) {
        return "-----BEGIN " + kind + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + kind + "-----\n";
    }

    private static byte[] pemBody(Path pemFile) throws IOException {
        String text = Files.readString(pemFile, StandardCharsets.US_ASCII);
        String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IOException(pemFile + " is not PEM: " + e.getMessage(), e);
        }
    }
}
