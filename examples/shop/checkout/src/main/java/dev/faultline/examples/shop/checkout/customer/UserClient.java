package dev.faultline.examples.shop.checkout.customer;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The user service, reached through the load balancer ({@code quarkus.rest-client.user.url}). */
@RegisterRestClient(configKey = "user")
@Path("/users")
public interface UserClient {

    @GET
    @Path("/{id}")
    Customer get(@PathParam("id") String id);
}
