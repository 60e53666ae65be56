package dev.faultline.examples.shop.product;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The catalogue: a fixed set of products, the same in every replica, so that any replica can answer any request
 * (what makes the replicas interchangeable behind the load balancer).
 */
@ApplicationScoped
public class Catalog {

    static final int SIZE = 20;

    private final List<Product> products = IntStream.rangeClosed(1, SIZE)
            .mapToObj(i -> new Product("p-" + i, "Product " + i, 100L * i + 99))
            .toList();
    private final Map<String, Product> byId = products.stream()
            .collect(Collectors.toUnmodifiableMap(Product::id, Function.identity()));

    public List<Product> all() {
        return products;
    }

    public Optional<Product> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
