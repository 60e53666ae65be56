package dev.faultline.reporter.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

/** Where the reporter keeps its tables: {@code faultline.dynamodb.*}. */
@ConfigMapping(prefix = "faultline.dynamodb")
public interface DynamoDbSettings {

    /** A local DynamoDB API (dynalite) to use instead of AWS; absent means the AWS endpoint of {@link #region()}. */
    Optional<URI> endpoint();

    @WithDefault("us-east-1")
    String region();

    /** Prepended to every table name, so that environments (and test runs) share an account without clashing. */
    @WithDefault("faultline-")
    String tablePrefix();
}
