package dev.faultline.orchestrator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.command.CommandSignatures;
import dev.faultline.common.command.HaltAll;
import dev.faultline.common.command.SignedCommand;
import dev.faultline.orchestrator.dispatch.CommandSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandSignerTest {

    @TempDir
    Path dir;

    @Test
    void signsWithTheKeyFromThePemFileAndNamesItByItsPublicHalf() throws Exception {
        KeyPair pair = CommandSignatures.generateKeyPair();
        CommandSignatures.writePem(pair, dir);
        CommandSigner signer = new CommandSigner(dir.resolve("private.pem").toString(), Duration.ofSeconds(60),
                Clock.systemUTC());

        SignedCommand signed = signer.sign(HaltAll.of("test", "me", Instant.now()));

        assertThat(signer.keyId()).isEqualTo(CommandSignatures.keyId(pair.getPublic()))
                .isEqualTo(CommandSignatures.keyId(CommandSignatures.readPublicKey(dir.resolve("public.pem"))));
        assertThat(CommandSignatures.verify(signed, pair.getPublic())).isTrue();
        assertThat(Duration.between(signed.issuedAt(), signed.expiresAt())).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void readsKeysAsOpensslWritesThem() throws Exception {
        // openssl genpkey -algorithm ed25519 / openssl pkey -pubout, as deploy/security.sh runs them.
        Process gen = new ProcessBuilder("openssl", "genpkey", "-algorithm", "ed25519", "-out",
                dir.resolve("private.pem").toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(gen.waitFor() == 0, "openssl with ed25519 not available");
        new ProcessBuilder("openssl", "pkey", "-in", dir.resolve("private.pem").toString(), "-pubout", "-out",
                dir.resolve("public.pem").toString()).start().waitFor();
        CommandSigner signer = new CommandSigner(dir.resolve("private.pem").toString(), Duration.ofSeconds(60),
                Clock.systemUTC());
        SignedCommand signed = signer.sign(HaltAll.of("test", "me", Instant.now()));
        assertThat(CommandSignatures.verify(signed, CommandSignatures.readPublicKey(dir.resolve("public.pem"))))
                .isTrue();
        assertThat(Files.readString(dir.resolve("public.pem"))).startsWith("-----BEGIN PUBLIC KEY-----");
    }
}
