package dev.faultline.examples.shop.checkout.api;

import dev.faultline.examples.shop.checkout.order.IdempotencyKey;
import dev.faultline.examples.shop.checkout.order.InvalidOrderException;
import dev.faultline.examples.shop.checkout.order.OrderRequest;
import dev.faultline.examples.shop.checkout.order.OrderService;
import dev.faultline.examples.shop.checkout.order.OrderStore;
import dev.faultline.examples.shop.checkout.order.PlaceResult;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * {@code POST /orders} with an {@code Idempotency-Key} header: 201 when this request placed the order, 200 with the
 * same order when it is a retry, 422 when the key was used for a different order.
 */
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    private final OrderService orders;
    private final OrderStore store;

    OrderResource(OrderService orders, OrderStore store) {
        this.orders = orders;
        this.store = store;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(@HeaderParam("Idempotency-Key") String key, OrderRequest request) {
        IdempotencyKey idempotencyKey = new IdempotencyKey(key);
        if (request == null) {
            throw new InvalidOrderException("body: an order is required");
        }
        PlaceResult result = orders.place(idempotencyKey, request);
        if (result instanceof PlaceResult.Created created) {
            return Response.status(201).entity(OrderResponse.of(created.order(), false)).build();
        }
        if (result instanceof PlaceResult.Replayed replayed) {
            return Response.ok(OrderResponse.of(replayed.order(), true)).header("Idempotent-Replayed", "true").build();
        }
        PlaceResult.KeyReused reused = (PlaceResult.KeyReused) result;
        return Response.status(422)
                .entity(Map.of("error", "Idempotency-Key " + reused.key() + " was used for a different order"))
                .build();
    }

    @GET
    @Path("/{idempotencyKey}")
    public OrderResponse get(@PathParam("idempotencyKey") String key) {
        return store.find(new IdempotencyKey(key)).map(order -> OrderResponse.of(order, false))
                .orElseThrow(() -> new NotFoundException("no order under key " + key));
    }
}
