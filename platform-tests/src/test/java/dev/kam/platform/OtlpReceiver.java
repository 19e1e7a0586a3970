package dev.kam.platform;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in OpenTelemetry collector: accepts OTLP/HTTP trace exports (protobuf) and keeps, for every span,
 * the exporting service and the span's trace id and name. Reads the few protobuf fields it needs by hand
 * (ExportTraceServiceRequest > ResourceSpans > Resource attributes and ScopeSpans > Span).
 */
final class OtlpReceiver implements AutoCloseable {

    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name) {
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                spans.addAll(parseRequest(body.readAllBytes()));
                exchange.sendResponseHeaders(200, -1);
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> spans(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static List<ReceivedSpan> parseRequest(byte[] request) {
        List<ReceivedSpan> result = new ArrayList<>();
        for (Field resourceSpans : fields(request)) {
            if (resourceSpans.number() != 1) {
                continue;
            }
            String service = "";
            List<byte[]> scopeSpans = new ArrayList<>();
            for (Field field : fields(resourceSpans.bytes())) {
                if (field.number() == 1) { // Resource
                    for (Field attribute : fields(field.bytes())) {
                        if (attribute.number() == 1) {
                            String key = "";
                            String value = "";
                            for (Field part : fields(attribute.bytes())) {
                                if (part.number() == 1) {
                                    key = part.text();
                                } else if (part.number() == 2) {
                                    for (Field any : fields(part.bytes())) {
                                        if (any.number() == 1) {
                                            value = any.text();
                                        }
                                    }
                                }
                            }
                            if (key.equals("service.name")) {
                                service = value;
                            }
                        }
                    }
                } else if (field.number() == 2) {
                    scopeSpans.add(field.bytes());
                }
            }
            for (byte[] scope : scopeSpans) {
                for (Field span : fields(scope)) {
                    if (span.number() != 2) {
                        continue;
                    }
                    String traceId = "";
                    String spanId = "";
                    String parent = "";
                    String name = "";
                    for (Field part : fields(span.bytes())) {
                        switch (part.number()) {
                            case 1 -> traceId = HexFormat.of().formatHex(part.bytes());
                            case 2 -> spanId = HexFormat.of().formatHex(part.bytes());
                            case 4 -> parent = HexFormat.of().formatHex(part.bytes());
                            case 5 -> name = part.text();
                            default -> {
                            }
                        }
                    }
                    result.add(new ReceivedSpan(service, traceId, spanId, parent, name));
                }
            }
        }
        return result;
    }

    /** A length-delimited field of a protobuf message (others are skipped). */
    private record Field(int number, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static List<Field> fields(byte[] message) {
        List<Field> fields = new ArrayList<>();
        int[] position = {0};
        while (position[0] < message.length) {
            long tag = varint(message, position);
            int number = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            switch (wireType) {
                case 0 -> varint(message, position);
                case 1 -> position[0] += 8;
                case 5 -> position[0] += 4;
                case 2 -> {
                    int length = (int) varint(message, position);
                    byte[] bytes = java.util.Arrays.copyOfRange(message, position[0], position[0] + length);
                    position[0] += length;
                    fields.add(new Field(number, bytes));
                }
                default -> throw new IllegalArgumentException("unsupported wire type " + wireType);
            }
        }
        return fields;
    }

    private static long varint(byte[] message, int[] position) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = message[position[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("malformed varint");
    }
}
