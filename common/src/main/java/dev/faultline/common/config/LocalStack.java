package dev.faultline.common.config;

/**
 * Where the local stack of {@code ./faultline up} listens, for the Java side: the services' defaults (through
 * {@link FaultlineDefaults}) and the tests' (test-support). The scripts have their own single copy in
 * {@code deploy/lib.sh} ({@code FL_KAFKA_PORT}, {@code FL_DYNAMODB_PORT}, {@code FL_SNS_PORT}), which they pass on as
 * {@code FAULTLINE_KAFKA_BOOTSTRAP}, {@code FAULTLINE_DYNAMODB_ENDPOINT} and {@code FAULTLINE_SNS_ENDPOINT}.
 */
public final class LocalStack {

    /** The single-node Kafka broker of deploy/kafka.sh. */
    public static final String KAFKA_BOOTSTRAP = "127.0.0.1:19092";
    /** The DynamoDB API of deploy/dynalite.sh. */
    public static final String DYNAMODB_ENDPOINT = "http://127.0.0.1:18000";
    /** The SNS and SQS APIs of deploy/fauxqs.sh, where the reporter's alerts go locally. */
    public static final String SNS_ENDPOINT = "http://127.0.0.1:18400";

    private LocalStack() {
    }
}
