package dev.faultline.cli.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the {@link Connection} from, in this order: the command-line flags, the environment
 * ({@code FAULTLINE_URL}, {@code FAULTLINE_REPORTER_URL}, {@code FAULTLINE_TOKEN}), and the local stack's files (the
 * admin token {@code .faultline/auth/admin.token} that {@code ./faultline up} writes under {@code FAULTLINE_HOME},
 * else under the working directory). Pure apart from reading that one file, so that the order is tested.
 */
public final class ConnectionResolver {

    public static final String DEFAULT_ORCHESTRATOR = "http://127.0.0.1:18080";
    public static final String DEFAULT_REPORTER = "http://127.0.0.1:18083";
    public static final String URL_VARIABLE = "FAULTLINE_URL";
    public static final String REPORTER_URL_VARIABLE = "FAULTLINE_REPORTER_URL";
    public static final String TOKEN_VARIABLE = "FAULTLINE_TOKEN";
    public static final String HOME_VARIABLE = "FAULTLINE_HOME";
    /** The local stack's admin token, relative to the checkout. */
    public static final Path LOCAL_TOKEN = Path.of(".faultline", "auth", "admin.token");

    private ConnectionResolver() {
    }

    /**
     * @param urlFlag         {@code --url}, null when not given
     * @param reporterUrlFlag {@code --reporter-url}, null when not given
     * @param tokenFlag       {@code --token}, null when not given
     * @param environment     the process environment
     * @param workingDir      where to look for the local stack when {@code FAULTLINE_HOME} is not set
     */
    public static Connection resolve(String urlFlag, String reporterUrlFlag, String tokenFlag,
            Map<String, String> environment, Path workingDir) {
        URI orchestrator = url(first(urlFlag, environment.get(URL_VARIABLE), DEFAULT_ORCHESTRATOR),
                "--url / " + URL_VARIABLE);
        URI reporter = url(first(reporterUrlFlag, environment.get(REPORTER_URL_VARIABLE), DEFAULT_REPORTER),
                "--reporter-url / " + REPORTER_URL_VARIABLE);
        if (present(tokenFlag)) {
            return new Connection(orchestrator, reporter, Optional.of(tokenFlag.strip()), "--token");
        }
        if (present(environment.get(TOKEN_VARIABLE))) {
            return new Connection(orchestrator, reporter, Optional.of(environment.get(TOKEN_VARIABLE).strip()),
                    TOKEN_VARIABLE);
        }
        String home = environment.get(HOME_VARIABLE);
        Path tokenFile = (present(home) ? Path.of(home) : workingDir).resolve(LOCAL_TOKEN);
        return new Connection(orchestrator, reporter, readToken(tokenFile), tokenFile.toString());
    }

    private static Optional<String> readToken(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String token = Files.readString(file).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token file " + file + ": " + e.getMessage(), e);
        }
    }

    private static URI url(String text, String where) {
        String trimmed = text.strip().replaceAll("/+$", "");
        try {
            URI uri = new URI(trimmed);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("'" + text + "' (" + where + ") is not an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' (" + where + ") is not a URL: " + e.getReason(), e);
        }
    }

    private static String first(String... candidates) {
        for (String candidate : candidates) {
            if (present(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no candidate");
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }
}
