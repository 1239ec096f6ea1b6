package io.conveyor.scheduler.deploy;

import io.conveyor.scheduler.security.Callers;
import io.conveyor.security.Roles;
import io.micronaut.core.annotation.Nullable;
import java.security.Principal;
import io.micronaut.security.annotation.Secured;
import io.conveyor.control.PipelineVersion;
import io.conveyor.pipeline.spec.load.Problem;
import io.conveyor.scheduler.SchedulerApplication;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;

/** Deploys pipeline files. */
@Controller("/pipelines")
@Secured(Roles.ADMIN)
@Requires(env = SchedulerApplication.ENVIRONMENT)
@Tag(name = "pipelines")
class DeployController {

    static final String TEXT_YAML = "text/yaml";
    static final String APPLICATION_X_YAML = "application/x-yaml";

    private final PipelineDeployer deployer;

    DeployController(PipelineDeployer deployer) {
        this.deployer = deployer;
    }

    @Post(consumes = {TEXT_YAML, APPLICATION_X_YAML}, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Deploy a pipeline file; a new version is made only when the definition changed")
    @ApiResponse(responseCode = "201", description = "a new version was published")
    @ApiResponse(responseCode = "200", description = "the same definition is already the current version")
    @ApiResponse(responseCode = "422", description = "the file is not a valid pipeline; every problem is listed")
    @ApiResponse(responseCode = "409", description = "a target schema is incompatible with its output topic's subject")
    HttpResponse<?> deploy(@Body String yaml,
                           @QueryValue(defaultValue = "pipeline.yaml") String file,
                           @QueryValue Optional<String> deployedBy, @Nullable Principal principal) {
        DeployResult result = deployer.deploy(yaml, file, Callers.requestedBy(principal, deployedBy));
        if (result instanceof DeployResult.Deployed deployed) {
            return HttpResponse.created(DeployAnswer.of(deployed.version(), true));
        }
        if (result instanceof DeployResult.Unchanged unchanged) {
            return HttpResponse.ok(DeployAnswer.of(unchanged.version(), false));
        }
        if (result instanceof DeployResult.Refused refused) {
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).body(new Refusal(
                    "the file is not a valid pipeline", refused.problems().stream().map(Problem::toString).toList()));
        }
        DeployResult.Incompatible incompatible = (DeployResult.Incompatible) result;
        return HttpResponse.status(HttpStatus.CONFLICT).body(new Conflict(
                "a target schema is incompatible with the schema registered for its output topic", incompatible.conflicts().stream().map(ConflictView::of).toList()));
    }

    @Serdeable
    record DeployAnswer(String name, int version, String fingerprint, boolean changed) {

        static DeployAnswer of(PipelineVersion version, boolean changed) {
            return new DeployAnswer(version.getName(), version.getVersion(), version.getFingerprint(), changed);
        }
    }

    /** @param problems each as {@code file:line:column: path: message} */
    @Serdeable
    record Refusal(String message, List<String> problems) {
    }

    @Serdeable
    record Conflict(String message, List<ConflictView> conflicts) {
    }

    /** @param subject the registry subject of the task's output topic; {@code reasons} are the registry's */
    @Serdeable
    record ConflictView(String task, String subject, List<String> reasons) {

        static ConflictView of(SchemaConflict conflict) {
            return new ConflictView(conflict.task(), conflict.subject(), conflict.reasons());
        }
    }
}
