package dev.kam.foundation.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;

/**
 * Drops finished spans while no collector is named ({@code kam.tracing.otlp-endpoint} unset): traces still
 * propagate through REST calls and Kafka headers and their ids still reach the logs, but nothing tries to reach
 * a collector that is not there. Quarkus exports over OTLP only when no span exporter bean is available, so
 * naming an endpoint retires this bean and brings the OTLP exporter in.
 */
@ApplicationScoped
@LookupIfProperty(name = "kam.tracing.otlp-endpoint", stringValue = "off", lookupIfMissing = true)
public class SpanExportOff implements SpanExporter {

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
