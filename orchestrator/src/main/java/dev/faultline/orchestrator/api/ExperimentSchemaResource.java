package dev.faultline.orchestrator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.common.experiment.ExperimentSchema;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The experiment format's JSON Schema, generated from the records the parser reads (common ExperimentSchema). */
@Path("/api/v1/schema")
@Tag(name = "schema", description = "The experiment format as JSON Schema, for editors and clients")
@APIResponse(responseCode = "401", description = ApiError.UNAUTHENTICATED,
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
public class ExperimentSchemaResource {

    /** How the OpenAPI description names an experiment body: the schema lives at the endpoint below. */
    static final String BODY = "An experiment document (docs/experiment-format.md); its JSON Schema (draft 2020-12)"
            + " is GET /api/v1/schema/experiment";

    @GET
    @Path("experiment")
    @Produces({MediaType.APPLICATION_JSON, "application/schema+json"})
    @Operation(summary = "The JSON Schema of the experiment document",
            description = "Draft 2020-12, generated from the records the experiment parser reads. The parser has the"
                    + " last word on rules across fields; see docs/experiment-format.md for pointing an editor at it.")
    @APIResponse(responseCode = "200", description = "The schema",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public ObjectNode experiment() {
        return ExperimentSchema.schema();
    }
}
