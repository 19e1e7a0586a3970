package dev.kam.contracts;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One event as it travels: the CloudEvents attributes and the JSON data. On Kafka the attributes are the
 * {@code ce_*} headers (binary mode), the subject is also the record key, and the data is the record value.
 *
 * @param id      unique per event, stable across redelivery: consumers deduplicate on it
 * @param type    the {@code ce_type}, which carries the schema version ({@code ....v1})
 * @param source  the publishing service, see {@link ServiceNames#eventSource(String)}
 * @param time    when the state change happened
 * @param subject the customer id the event is about; the Kafka key, so order holds per customer
 * @param dataSchema the URI of the JSON Schema of {@code data}
 * @param data    the payload
 */
public record EventEnvelope(String id, String type, String source, Instant time, String subject, URI dataSchema,
                            JsonNode data) {

    public EventEnvelope {
        requireText(id, "id");
        requireText(type, "type");
        requireText(source, "source");
        Objects.requireNonNull(time, "time");
        requireText(subject, "subject");
        Objects.requireNonNull(data, "data");
    }

    /** The attributes as binary-mode Kafka headers, in a stable order. */
    public Map<String, String> cloudEventHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        headers.put(CloudEventHeaders.ID, id);
        headers.put(CloudEventHeaders.TYPE, type);
        headers.put(CloudEventHeaders.SOURCE, source);
        headers.put(CloudEventHeaders.TIME, time.toString());
        headers.put(CloudEventHeaders.SUBJECT, subject);
        if (dataSchema != null) {
            headers.put(CloudEventHeaders.DATA_SCHEMA, dataSchema.toString());
        }
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_JSON);
        return headers;
    }

    /**
     * Reads the attributes back from headers, as a consumer does.
     *
     * @throws MalformedEventException when a required attribute is missing or unreadable
     */
    public static EventEnvelope fromCloudEventHeaders(Map<String, String> headers, JsonNode data) {
        String specVersion = headers.get(CloudEventHeaders.SPEC_VERSION);
        if (!CloudEventHeaders.SPEC_VERSION_VALUE.equals(specVersion)) {
            throw new MalformedEventException("unsupported or missing ce_specversion: " + specVersion);
        }
        try {
            String schema = headers.get(CloudEventHeaders.DATA_SCHEMA);
            String time = headers.get(CloudEventHeaders.TIME);
            return new EventEnvelope(headers.get(CloudEventHeaders.ID), headers.get(CloudEventHeaders.TYPE),
                    headers.get(CloudEventHeaders.SOURCE), time == null ? null : Instant.parse(time),
                    headers.get(CloudEventHeaders.SUBJECT), schema == null ? null : URI.create(schema), data);
        } catch (RuntimeException e) {
            throw new MalformedEventException("unreadable CloudEvents attributes: " + e.getMessage(), e);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("missing CloudEvents attribute: " + name);
        }
    }
}
