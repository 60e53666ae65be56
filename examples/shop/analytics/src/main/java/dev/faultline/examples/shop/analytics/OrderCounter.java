package dev.faultline.examples.shop.analytics;

import dev.faultline.examples.shop.events.OrderLine;
import dev.faultline.examples.shop.events.OrderPlaced;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts orders, units and revenue per product. OrderPlaced arrives at least once, so an order id seen before is
 * counted as a duplicate and nothing else. Counts live in memory: they start from the topic's beginning on restart.
 */
@ApplicationScoped
public class OrderCounter {

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final AtomicLong orders = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong revenueCents = new AtomicLong();
    private final Map<String, AtomicLong> unitsByProduct = new ConcurrentHashMap<>();

    /** @return true when the order was new and counted */
    public boolean count(OrderPlaced event) {
        if (!seen.add(event.orderId())) {
            duplicates.incrementAndGet();
            return false;
        }
        orders.incrementAndGet();
        revenueCents.addAndGet(event.totalCents());
        for (OrderLine line : event.lines()) {
            unitsByProduct.computeIfAbsent(line.productId(), id -> new AtomicLong()).addAndGet(line.quantity());
        }
        return true;
    }

    public Counts counts() {
        Map<String, Long> units = new TreeMap<>();
        unitsByProduct.forEach((id, n) -> units.put(id, n.get()));
        return new Counts(orders.get(), duplicates.get(), revenueCents.get(), units);
    }

    /** A snapshot of the counts. */
    public record Counts(long orders, long duplicatesIgnored, long revenueCents, Map<String, Long> unitsByProduct) {
    }
}
