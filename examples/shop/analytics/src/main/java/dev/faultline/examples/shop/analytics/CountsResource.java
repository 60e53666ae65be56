package dev.faultline.examples.shop.analytics;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/analytics/counts")
@Produces(MediaType.APPLICATION_JSON)
public class CountsResource {

    private final OrderCounter counter;

    CountsResource(OrderCounter counter) {
        this.counter = counter;
    }

    @GET
    public OrderCounter.Counts counts() {
        return counter.counts();
    }
}
