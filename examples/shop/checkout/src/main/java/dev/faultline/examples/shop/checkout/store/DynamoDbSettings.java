package dev.faultline.examples.shop.checkout.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

/** Where checkout keeps its orders: {@code shop.dynamodb.*}. */
@ConfigMapping(prefix = "shop.dynamodb")
public interface DynamoDbSettings {

    /** A local DynamoDB API (dynalite) instead of AWS; absent means the AWS endpoint of {@link #region()}. */
    Optional<URI> endpoint();

    @WithDefault("us-east-1")
    String region();

    @WithDefault("shop-orders")
    String ordersTable();
}
