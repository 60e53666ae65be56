package dev.faultline.examples.shop.checkout.customer;

import dev.faultline.examples.shop.checkout.catalog.DependencyUnavailableException;
import dev.faultline.examples.shop.checkout.catalog.LastKnown;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Who is ordering, protected like {@link dev.faultline.examples.shop.checkout.catalog.ProductCatalog}: the same
 * retry, breaker, timeout and bulkhead, and a fallback to the last profile seen (a known customer may order while the
 * user service is down; an unknown one may not).
 */
@ApplicationScoped
public class Customers {

    private final UserClient client;
    private final LastKnown<Customer> lastKnown = new LastKnown<>(10_000);

    Customers(@RestClient UserClient client) {
        this.client = client;
    }

    @Fallback(fallbackMethod = "lastKnownCustomer", skipOn = UnknownUserException.class)
    @Retry(maxRetries = 3, delay = 50, jitter = 25, maxDuration = 4_000, abortOn = UnknownUserException.class)
    @ExponentialBackoff(factor = 2, maxDelay = 400)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 3, skipOn = UnknownUserException.class)
    @Timeout(value = 1, unit = ChronoUnit.SECONDS)
    @Bulkhead(16)
    public Customer customer(String id) {
        try {
            return lastKnown.remember(id, client.get(id));
        } catch (WebApplicationException e) {
            // The REST client reports every error status this way; only 404 means "no such" rather than "failed".
            if (e.getResponse() != null && e.getResponse().getStatus() == 404) {
                throw new UnknownUserException(id);
            }
            throw e;
        }
    }

    Customer lastKnownCustomer(String id) {
        return lastKnown.get(id).orElseThrow(() -> new DependencyUnavailableException(
                "the user service is unavailable and user " + id + " has not been seen before", null));
    }
}
