package example.gateway;

import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/** The HTTP side both roles share: a Jetty server that routes GET paths to functions producing whole answers. */
final class Responses {

    /** One whole answer. */
    record Answer(int status, String contentType, String body) {
        static Answer json(int status, String body) {
            return new Answer(status, "application/json", body);
        }
    }

    /** Produces the answer of one path; may block (it runs on one of Jetty's pool threads). */
    @FunctionalInterface
    interface Route {
        Answer answer() throws Exception;
    }

    private Responses() {
    }

    /**
     * Starts a server on {@code port} answering the exact paths of {@code routes} (GET only: 405 for other methods,
     * both services being read-only) and 404 elsewhere. Routes run on Jetty's thread pool, so a route may block.
     */
    static Server serve(int port, Map<String, Route> routes) throws Exception {
        Server server = new Server(port);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Route route = routes.get(Request.getPathInContext(request));
                Answer answer;
                if (route == null) {
                    answer = Answer.json(404, "{\"error\":\"no such route\"}");
                } else if (!"GET".equals(request.getMethod())) {
                    response.getHeaders().put(HttpHeader.ALLOW, "GET");
                    answer = Answer.json(405, "{\"error\":\"only GET\"}");
                } else {
                    answer = route.answer();
                }
                response.setStatus(answer.status());
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
                Content.Sink.write(response, true, answer.body(), callback);
                return true;
            }
        });
        server.start();
        return server;
    }
}
