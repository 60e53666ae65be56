package dev.faultline.examples.shop.user;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private final UserDirectory directory;

    UserResource(UserDirectory directory) {
        this.directory = directory;
    }

    @GET
    @Path("/{id}")
    public User get(@PathParam("id") String id) {
        return directory.find(id).orElseThrow(() -> new NotFoundException("no user " + id));
    }
}
