package dev.faultline.orchestrator.ui;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The live page is static (META-INF/resources/ui/, served by Quarkus without a token: it holds no data, it asks for
 * a token and calls the API with it). Its address is {@code /ui}; the static handler serves a directory's index only
 * at {@code /ui/}, hence this redirect.
 */
@ApplicationScoped
public class LivePageRoutes {

    void routes(@Observes Router router) {
        // Vert.x matches "/ui" also for "/ui/": only the bare address is redirected.
        // A relative Location: the page stays on whatever host and port the browser used.
        router.getWithRegex("/ui").handler(context -> context.response().setStatusCode(302)
                .putHeader("Location", "/ui/").end());
    }
}
