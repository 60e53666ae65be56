package dev.faultline.examples.shop.checkout.api;

import dev.faultline.examples.shop.checkout.catalog.DependencyUnavailableException;
import dev.faultline.examples.shop.checkout.catalog.UnknownProductException;
import dev.faultline.examples.shop.checkout.customer.UnknownUserException;
import dev.faultline.examples.shop.checkout.order.InvalidOrderException;
import dev.faultline.examples.shop.checkout.publish.OrderEvents;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.ClientWebApplicationException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Client mistakes are 400; anything that a later retry may fix (a dependency down, the breaker open, the store or
 * Kafka not answering) is 503 with Retry-After, which tells a client to try again with the same idempotency key.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper({InvalidOrderException.class, UnknownProductException.class, UnknownUserException.class})
    Response badRequest(RuntimeException e) {
        return Response.status(400).entity(Map.of("error", e.getMessage())).build();
    }

    @ServerExceptionMapper({DependencyUnavailableException.class, FaultToleranceException.class, SdkException.class,
            OrderEvents.PublishFailedException.class, jakarta.ws.rs.ProcessingException.class})
    Response unavailable(RuntimeException e) {
        LOG.warnf("order not placed, try again: %s", e.toString());
        return unavailableResponse(e);
    }

    /**
     * A dependency's own error status arriving through the REST client, with no fallback to stand in. (Our own
     * resources' WebApplicationExceptions, e.g. 404 for an unknown order, keep their status.)
     */
    @ServerExceptionMapper(ClientWebApplicationException.class)
    Response dependencyError(ClientWebApplicationException e) {
        LOG.warnf("order not placed, try again: %s", e.toString());
        return unavailableResponse(e);
    }

    private static Response unavailableResponse(RuntimeException e) {
        return Response.status(503).header("Retry-After", "1")
                .entity(Map.of("error", "temporarily unavailable: " + e.getMessage())).build();
    }
}
