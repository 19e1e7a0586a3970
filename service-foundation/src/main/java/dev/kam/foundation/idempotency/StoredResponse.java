package dev.kam.foundation.idempotency;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The first answer given to an idempotency key, as it is replayed. */
public record StoredResponse(int status, String body, String location, String etag) {

    /**
     * The answer as it goes out, the first time and on every replay alike ({@code Idempotent-Replayed: true} then). The
     * Location is set as stored, a path of the service: never resolved against the caller's Host.
     */
    public Response toResponse(boolean replayed) {
        Response.ResponseBuilder answer = Response.status(status).entity(body).type(MediaType.APPLICATION_JSON);
        if (location != null) {
            answer.header(HttpHeaders.LOCATION, location);
        }
        if (etag != null) {
            answer.header(HttpHeaders.ETAG, etag);
        }
        if (replayed) {
            answer.header(IdempotencyKey.REPLAYED_HEADER, "true");
        }
        return answer.build();
    }
}
