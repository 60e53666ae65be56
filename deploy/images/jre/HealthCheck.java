import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;

/**
 * Container health check for images without a shell or curl (faultline/jre:local):
 * <pre>
 *   java -cp /opt/faultline/healthcheck HealthCheck http://127.0.0.1:18080/q/health/ready
 *   java -cp /opt/faultline/healthcheck HealthCheck tcp 127.0.0.1 19092
 * </pre>
 * Exit 0 when the URL answers 200 (or the port accepts), 1 otherwise.
 */
public final class HealthCheck {

    private static final int TIMEOUT_MS = 3_000;

    private HealthCheck() {
    }

    public static void main(String[] args) {
        try {
            if (args.length == 3 && args[0].equals("tcp")) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(args[1], Integer.parseInt(args[2])), TIMEOUT_MS);
                }
                System.exit(0);
            }
            if (args.length == 1) {
                HttpURLConnection connection = (HttpURLConnection) new URL(args[0]).openConnection();
                connection.setConnectTimeout(TIMEOUT_MS);
                connection.setReadTimeout(TIMEOUT_MS);
                int status = connection.getResponseCode();
                System.out.println(args[0] + " -> " + status);
                System.exit(status == 200 ? 0 : 1);
            }
            System.err.println("usage: HealthCheck URL | HealthCheck tcp HOST PORT");
            System.exit(2);
        } catch (Exception e) {
            System.err.println("unhealthy: " + e);
            System.exit(1);
        }
    }
}
