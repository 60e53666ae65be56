package dev.faultline.orchestrator.auth;

import dev.faultline.common.auth.TokenFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The API tokens of {@code faultline.auth.tokens-file}, read by common's {@link TokenFile} (the reporter reads the
 * same file the same way). Without a file no request is authenticated (the API refuses everything but health).
 */
@ApplicationScoped
public class TokenStore {

    private static final Logger LOG = Logger.getLogger(TokenStore.class);

    private final TokenFile tokens;
    private final boolean configured;

    @Inject
    public TokenStore(@ConfigProperty(name = "faultline.auth.tokens-file") Optional<String> file) {
        this.configured = file.filter(f -> !f.isBlank()).isPresent();
        this.tokens = configured ? TokenFile.load(Path.of(file.get())) : TokenFile.empty();
        if (!configured) {
            LOG.error("no faultline.auth.tokens-file: every API request will be refused with 401");
        } else {
            LOG.infof("%d API token(s) from %s", tokens.size(), file.get());
        }
    }

    public boolean configured() {
        return configured;
    }

    public Optional<TokenFile.Identity> identify(String token) {
        return tokens.identify(token);
    }
}
