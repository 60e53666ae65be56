package dev.faultline.reporter.api;

import dev.faultline.common.auth.TokenFile;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The API tokens, from the same {@code faultline.auth.tokens-file} as the orchestrator's, read by common's
 * {@link TokenFile}. Without a file every report request is refused (401); the reporter still writes its files.
 */
@Singleton
public class ApiTokens {

    private static final Logger LOG = Logger.getLogger(ApiTokens.class);

    private final TokenFile tokens;
    private final boolean configured;

    public ApiTokens(@ConfigProperty(name = "faultline.auth.tokens-file") Optional<String> file) {
        this.configured = file.filter(f -> !f.isBlank()).isPresent();
        this.tokens = configured ? TokenFile.load(Path.of(file.get())) : TokenFile.empty();
        if (configured) {
            LOG.infof("%d API token(s) from %s", tokens.size(), file.get());
        } else {
            LOG.warn("no faultline.auth.tokens-file: every request to /api/v1/reports will be refused with 401");
        }
    }

    public boolean configured() {
        return configured;
    }

    public Optional<TokenFile.Identity> identify(String token) {
        return tokens.identify(token);
    }
}
