package dev.faultline.cli.config;

import java.net.URI;
import java.util.Optional;

/**
 * Where the CLI finds Faultline and how it authenticates.
 *
 * @param orchestrator the orchestrator's base URL (its REST API is under /api/v1)
 * @param reporter     the reporter's base URL (reports under /api/v1/reports)
 * @param token        the bearer token; empty when none was found
 * @param tokenSource  where the token came from (or where it was looked for), for error messages
 */
public record Connection(URI orchestrator, URI reporter, Optional<String> token, String tokenSource) {
}
