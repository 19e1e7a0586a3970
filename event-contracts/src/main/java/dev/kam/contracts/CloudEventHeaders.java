package dev.kam.contracts;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary mode: the attributes travel as {@code ce_}-prefixed record
 * headers, the data is the record value.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION_VALUE = "1.0";

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String DATA_SCHEMA = "ce_dataschema";
    /** Kafka binding: {@code content-type} maps to the plain header of that name. */
    public static final String CONTENT_TYPE = "content-type";
    public static final String CONTENT_TYPE_JSON = "application/json";
    /** W3C trace context, present where tracing is on. */
    public static final String TRACEPARENT = "traceparent";
    /**
     * CloudEvents extension attribute: who made the change, the token subject of the API caller or
     * {@code service:<name>} for a service's own follow-up work.
     */
    public static final String ACTOR = "ce_actor";

    private CloudEventHeaders() {
    }
}
