package dev.faultline.examples.shop.checkout.catalog;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The product service, reached through the load balancer ({@code quarkus.rest-client.product.url}). */
@RegisterRestClient(configKey = "product")
@Path("/products")
public interface ProductClient {

    @GET
    @Path("/{id}")
    Product get(@PathParam("id") String id);
}
