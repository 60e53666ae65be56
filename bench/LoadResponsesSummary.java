import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.common.experiment.SuccessStatus;
import dev.faultline.common.verdict.LoadSecond;
import dev.faultline.common.verdict.LoadSummary;
import dev.faultline.observer.load.LoadResponse;
import dev.faultline.observer.load.LoadResultsFile;
import dev.faultline.observer.load.LoadStatistics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A bench's load figures by the observer's own statistics, so that a bench and a verdict count the same way: reads
 * a responses file written by Faultline's Artillery plugin (the observer's format, {@link LoadResponse}) and
 * summarizes every request in it with {@link LoadStatistics}: a request fails when it got no answer or a status
 * outside the success statuses; unanswered requests count in the percentiles at the time they took to fail.
 *
 * <p>Usage: {@code LoadResponsesSummary <responses.csv> <loadStartEpochMs> <summary.json> [successStatus...]}
 * (success statuses as in an experiment's {@code successStatus}, default the experiments' default, {@link
 * SuccessStatus#DEFAULT}: a bench then counts as a verdict on the same responses does). Writes summary.json with requests, errors,
 * errorRate (a fraction), p50Ms, p99Ms, byStatus (answers per status, unanswered requests per kind) and seconds[]:
 * {second, requests, errors, p99Ms}, one per second in which requests were sent, second 0 being the wall-clock
 * second the load started in. Prints {requests, errors, errorRate, p99Ms} on one line.
 */
public final class LoadResponsesSummary {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: LoadResponsesSummary <responses.csv> <loadStartEpochMs> <summary.json>"
                    + " [successStatus...]");
            System.exit(2);
        }
        Path responsesFile = Path.of(args[0]);
        long loadStartSecond = Math.floorDiv(Long.parseLong(args[1]), 1000);
        Path summaryFile = Path.of(args[2]);
        SuccessStatus success = new SuccessStatus(args.length > 3
                ? List.<Object>copyOf(Arrays.asList(args).subList(3, args.length))
                : SuccessStatus.DEFAULT.entries());

        List<LoadResponse> responses = LoadResultsFile.read(responsesFile);
        // The whole load is the window: every request sent, answered or not.
        LoadSummary summary = LoadStatistics.summarize(responses, Instant.EPOCH, Instant.MAX, success);

        ObjectNode out = JSON.createObjectNode()
                .put("requests", summary.requests())
                .put("errors", summary.errors())
                .put("errorRate", summary.requests() == 0 ? 0 : (double) summary.errors() / summary.requests());
        out.putPOJO("p50Ms", summary.p50Millis());
        out.putPOJO("p99Ms", summary.p99Millis());
        ObjectNode byStatus = out.putObject("byStatus");
        summary.statuses().forEach((status, count) -> byStatus.put(String.valueOf(status), count));
        summary.failures().byKind().forEach((kind, count) -> byStatus.put("unanswered." + kind, count));
        ArrayNode seconds = out.putArray("seconds");
        for (LoadSecond s : summary.perSecond()) {
            ObjectNode second = seconds.addObject()
                    .put("second", s.second().getEpochSecond() - loadStartSecond)
                    .put("requests", s.requests())
                    .put("errors", s.errors());
            second.putPOJO("p99Ms", s.p99Millis());
        }
        Files.writeString(summaryFile, JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out) + "\n");

        ObjectNode line = JSON.createObjectNode()
                .put("requests", summary.requests())
                .put("errors", summary.errors())
                .put("errorRate", out.get("errorRate").asDouble());
        line.putPOJO("p99Ms", summary.p99Millis());
        System.out.println(line);
    }
}
