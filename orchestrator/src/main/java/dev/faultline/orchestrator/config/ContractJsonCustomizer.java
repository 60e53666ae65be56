package dev.faultline.orchestrator.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.common.json.ChaosJson;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The REST API writes the contract's records the way Kafka messages and experiment files do (durations as
 * {@code 250ms}, absent values omitted), so that what an operator reads back looks like what they wrote.
 */
@Singleton
public class ContractJsonCustomizer implements ObjectMapperCustomizer {

    /** Last, so that the contract's duration format wins over the JavaTimeModule registered before. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(ChaosJson.durationsModule());
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }
}
