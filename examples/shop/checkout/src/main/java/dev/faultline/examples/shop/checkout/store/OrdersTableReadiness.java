package dev.faultline.examples.shop.checkout.store;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once orders can be stored: the load balancer must not send orders to a checkout without its table. */
@Readiness
@ApplicationScoped
public class OrdersTableReadiness implements HealthCheck {

    private final OrdersTable table;

    OrdersTableReadiness(OrdersTable table) {
        this.table = table;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            return HealthCheckResponse.named("orders-table").status(table.ready())
                    .withData("table", table.name()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("orders-table").down().withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
