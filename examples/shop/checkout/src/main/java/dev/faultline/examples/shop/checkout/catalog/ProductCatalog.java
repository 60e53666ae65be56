package dev.faultline.examples.shop.checkout.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import io.smallrye.faulttolerance.api.ExponentialBackoff;

/**
 * Product details for pricing an order, protected against a failing product service. Outermost first:
 * <ul>
 * <li>fallback: the last price seen for the product (prices change rarely; a stale price beats a lost sale);</li>
 * <li>retry: up to 3 more attempts, 50 ms doubling to at most 400 ms, ±25 ms jitter so that the replicas of
 * checkout do not retry in lock-step; the load balancer sends a retry to a healthy replica while its health check
 * has not yet noticed a dead one;</li>
 * <li>circuit breaker: opens when half of the last 20 calls failed, so that a dead dependency costs nothing but
 * the fallback for 5 s, then lets 3 trial calls through;</li>
 * <li>timeout: 1 s per attempt (the service answers in milliseconds; a hung connection must not hold a
 * worker);</li>
 * <li>bulkhead: at most 16 concurrent calls, so that a slow product service cannot take every worker thread.</li>
 * </ul>
 * An unknown product is an answer, not a failure: it is neither retried nor counted by the breaker.
 * The fragile profile switches all of this off by configuration (application.properties).
 */
@ApplicationScoped
public class ProductCatalog {

    private final ProductClient client;
    private final LastKnown<Product> lastKnown = new LastKnown<>(10_000);

    ProductCatalog(@RestClient ProductClient client) {
        this.client = client;
    }

    @Fallback(fallbackMethod = "lastKnownProduct", skipOn = UnknownProductException.class)
    @Retry(maxRetries = 3, delay = 50, jitter = 25, maxDuration = 4_000, abortOn = UnknownProductException.class)
    @ExponentialBackoff(factor = 2, maxDelay = 400)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 3, skipOn = UnknownProductException.class)
    @Timeout(value = 1, unit = ChronoUnit.SECONDS)
    @Bulkhead(16)
    public Product product(String id) {
        try {
            return lastKnown.remember(id, client.get(id));
        } catch (WebApplicationException e) {
            // The REST client reports every error status this way; only 404 means "no such" rather than "failed".
            if (e.getResponse() != null && e.getResponse().getStatus() == 404) {
                throw new UnknownProductException(id);
            }
            throw e;
        }
    }

    Product lastKnownProduct(String id) {
        return lastKnown.get(id).orElseThrow(() -> new DependencyUnavailableException(
                "the product service is unavailable and product " + id + " has not been seen before", null));
    }
}
