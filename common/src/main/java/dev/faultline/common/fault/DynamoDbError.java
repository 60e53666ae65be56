package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An error the DynamoDB API really returns, with its status and {@code __type}, as the AWS SDKs parse it. */
public enum DynamoDbError {
    @JsonProperty("throttling")
    THROTTLING(400, "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
            "The level of configured provisioned throughput for the table was exceeded. "
                    + "Consider increasing your provisioning level with the UpdateTable API."),
    @JsonProperty("internal-error")
    INTERNAL_ERROR(500, "com.amazonaws.dynamodb.v20120810#InternalServerError",
            "Internal server error");

    private final int status;
    private final String awsType;
    private final String message;

    DynamoDbError(int status, String awsType, String message) {
        this.status = status;
        this.awsType = awsType;
        this.message = message;
    }

    public int status() {
        return status;
    }

    /** The {@code __type} of the error body. */
    public String awsType() {
        return awsType;
    }

    public String message() {
        return message;
    }
}
