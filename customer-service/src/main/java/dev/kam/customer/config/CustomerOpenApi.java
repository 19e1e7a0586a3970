package dev.kam.customer.config;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;

/** The title and description integrators see in /q/openapi and /q/swagger-ui. */
@OpenAPIDefinition(info = @Info(
        title = "KAM customer-service",
        version = "v1",
        description = """
                Owns the customer profiles that enterprise CRMs sync in: purchase potential, buying-centre structure, regions, operating units, partnership intent. Publishes customer events for the rest of the platform.

                Every /api/v1 operation needs `Authorization: Bearer <JWT>` (RS256) with roles in the `groups` claim: \
                `crm-integration`, `key-account-manager`, `sales-ops`, `viewer`, `operator`. Errors are RFC 9457 \
                `application/problem+json`; validation errors list each field at fault under `violations`.

                Limits (each refused with a problem naming the field and the limit): a JSON body 1 MiB, however it is sent; \
                an NDJSON import line 1 MiB; a customer profile 256 KiB as stored JSON; 500 buying-centre contacts, 500 \
                locations, 200 operating units; amounts positive, below 10^15, at most 4 decimals; dates and instants in \
                years 0001-9999 (queries too); text without control characters other than tab and line breaks; ids \
                without control characters, / or \\. `Location` headers are paths of this service.""",
        license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")))
public class CustomerOpenApi extends Application {
}
