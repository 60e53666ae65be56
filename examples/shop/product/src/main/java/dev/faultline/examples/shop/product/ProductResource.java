package dev.faultline.examples.shop.product;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/products")
@Produces(MediaType.APPLICATION_JSON)
public class ProductResource {

    private final Catalog catalog;

    ProductResource(Catalog catalog) {
        this.catalog = catalog;
    }

    @GET
    public List<Product> list() {
        return catalog.all();
    }

    @GET
    @Path("/{id}")
    public Product get(@PathParam("id") String id) {
        return catalog.find(id).orElseThrow(() -> new NotFoundException("no product " + id));
    }
}
