package example.gateway;

import example.gateway.Responses.Answer;
import java.util.Map;

/**
 * The one dependency behind the gateway: a fixed list of orders and a fixed catalogue, and its own health. It keeps
 * no state, so a restart loses nothing and the gateway's breaker is the only thing that can keep routes down.
 */
public final class Backend {

    private Backend() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        Responses.serve(port, Map.of(
                "/orders", () -> Answer.json(200, "{\"orders\":[{\"id\":\"o-1\",\"sku\":\"book\",\"qty\":1},"
                        + "{\"id\":\"o-2\",\"sku\":\"pen\",\"qty\":3}]}"),
                "/catalog", () -> Answer.json(200, "{\"items\":[{\"sku\":\"book\",\"price\":12.5},"
                        + "{\"sku\":\"pen\",\"price\":1.2}]}"),
                "/health", () -> Answer.json(200, "{\"status\":\"UP\"}")));
        System.out.println("backend listening on :" + port);
    }
}
