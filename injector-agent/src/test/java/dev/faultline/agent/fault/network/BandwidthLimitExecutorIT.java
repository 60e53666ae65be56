package dev.faultline.agent.fault.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.agent.fault.Target;
import dev.faultline.common.fault.BandwidthLimit;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Throughput of a bounded download from the target's published port, against the requested rate. */
class BandwidthLimitExecutorIT {

    private static final String RATE = "2mbit";
    private static final long RATE_BITS = 2_000_000;
    /** About 3 s at the rate: long enough that the bucket's burst and the connection set-up weigh little. */
    private static final int BLOB_KIB = 750;

    private final NetworkTestbed bed = new NetworkTestbed();
    private final BandwidthLimitExecutor executor = new BandwidthLimitExecutor(bed.network);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void cleanUp() {
        bed.close();
    }

    @Test
    void measuredThroughputIsWithinTwentyPercentOfTheLimit() throws Exception {
        NetworkTestbed.Node target = bed.start("faultline-it-bw-target");
        assertThat(bed.exec(target, 10, "dd", "if=/dev/zero", "of=/www/blob", "bs=1024",
                "count=" + BLOB_KIB).ok()).as("blob written").isTrue();
        Target t = bed.target(target, "it-bandwidth-1");
        NetworkTestbed.Snapshot before = bed.snapshot(t);
        BandwidthLimit spec = BandwidthLimit.of(RATE);

        double unlimited = downloadBitsPerSecond(target);
        executor.apply(t, spec);
        double limited;
        try {
            assertThat(bed.network.qdiscs(t, "eth0")).contains("tbf");
            limited = downloadBitsPerSecond(target);
        } finally {
            executor.revert(t, spec);
        }
        System.out.printf("bandwidth-limit: requested %d bit/s, measured %.0f bit/s (%.1f %%); unlimited %.0f bit/s%n",
                RATE_BITS, limited, 100.0 * limited / RATE_BITS, unlimited);
        assertThat(limited).as("throughput under the limit, bit/s").isBetween(RATE_BITS * 0.8, RATE_BITS * 1.2);
        assertThat(unlimited).as("the same download without the limit is much faster").isGreaterThan(RATE_BITS * 3.0);

        bed.assertNothingLeft(t, before);
        assertThat(downloadBitsPerSecond(target)).as("throughput after revert").isGreaterThan(RATE_BITS * 3.0);
    }

    /** Downloads /blob from the published port on 127.0.0.1 and times it from request to last byte. */
    private double downloadBitsPerSecond(NetworkTestbed.Node target) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.publishedUrl("/blob")))
                .timeout(Duration.ofSeconds(15)).GET().build();
        long started = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                bytes += n;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(bytes).isEqualTo(BLOB_KIB * 1024L);
        return bytes * 8 / seconds;
    }
}
