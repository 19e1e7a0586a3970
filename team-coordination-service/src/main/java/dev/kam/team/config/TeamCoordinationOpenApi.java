package dev.kam.team.config;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;

/** The title and description integrators see in /q/openapi and /q/swagger-ui. */
@OpenAPIDefinition(info = @Info(
        title = "KAM team-coordination-service",
        version = "v1",
        description = """
                Forms and staffs the cross-functional team around each key account: key account manager, executive sponsor, service owner, specialists and field reps covering every sales territory and operating unit (coordinated with their sales managers), with account plans, relationship maps, our supplier status at the customer, and a wind-down to transactional coverage when the key account is revoked.

                Every /api/v1 operation needs `Authorization: Bearer <JWT>` (RS256) with roles in the `groups` claim: \
                `crm-integration`, `key-account-manager`, `sales-ops`, `viewer`, `operator`, `line-manager`. Errors are RFC 9457 \
                `application/problem+json`; validation errors list each field at fault under `violations`.

                Limits (each refused with a problem naming the field and the limit): a JSON body 1 MiB, however it is sent; \
                an NDJSON import line 1 MiB; staff regions among the sales territories, ids without control characters, / or \\, \
                a manager who is in the directory and not below the person; dates in years 0001-9999.""",
        license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")))
public class TeamCoordinationOpenApi extends Application {
}
