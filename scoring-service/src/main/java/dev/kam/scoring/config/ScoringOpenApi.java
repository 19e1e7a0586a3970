package dev.kam.scoring.config;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;

/** The title and description integrators see in /q/openapi and /q/swagger-ui. */
@OpenAPIDefinition(info = @Info(
        title = "KAM scoring-service",
        version = "v1",
        description = """
                Turns customer profiles into explainable key-account designations with a versioned model: the clear definition and identification of key accounts (Hise & Reid's sixth condition).

                Every /api/v1 operation needs `Authorization: Bearer <JWT>` (RS256) with roles in the `groups` claim: \
                `crm-integration`, `key-account-manager`, `sales-ops`, `viewer`, `operator`. Errors are RFC 9457 \
                `application/problem+json`; validation errors list each field at fault under `violations`.

                Limits (each refused with a problem naming the field and the limit): a JSON body 1 MiB, however it is sent; \
                an override at most 366 days ahead, and none for an archived customer; `asOf` and `since` in years 0001-9999. \
                `Location` headers are paths of this service.""",
        license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")))
public class ScoringOpenApi extends Application {
}
