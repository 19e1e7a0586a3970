package dev.kam.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The soak's chart: one panel per series family, a line per series, minutes along the bottom; plain SVG. */
final class SoakChart {

    private static final int WIDTH = 900;
    private static final int PANEL = 170;
    private static final int LEFT = 70;
    private static final int RIGHT = 160;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};

    private record Panel(String title, String unit, List<String> keys, List<String> labels) {
    }

    static String svg(List<Map<String, Object>> samples, List<String> services) {
        List<Panel> panels = List.of(
                new Panel("resident memory", "MiB", services.stream().map(service -> service + "RssMiB").toList(), services),
                new Panel("heap after GC", "MiB", services.stream().map(service -> service + "HeapMiB").toList(), services),
                new Panel("upsert latency", "ms", List.of("p50Ms", "p99Ms"), List.of("p50", "p99")),
                new Panel("consumer lag and outbox backlog", "records", List.of("lag", "backlog"), List.of("lag", "outbox")));
        int height = panels.size() * (PANEL + 40) + 30;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n"
                        + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n", WIDTH, height));
        int top = 20;
        for (Panel panel : panels) {
            draw(svg, panel, samples, top);
            top += PANEL + 40;
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">minute</text>%n", LEFT + (WIDTH - LEFT - RIGHT) / 2, height - 6));
        return svg.append("</svg>\n").toString();
    }

    private static void draw(StringBuilder svg, Panel panel, List<Map<String, Object>> samples, int top) {
        int plotWidth = WIDTH - LEFT - RIGHT;
        double max = 1;
        for (Map<String, Object> sample : samples) {
            for (String key : panel.keys()) {
                max = Math.max(max, ((Number) sample.get(key)).doubleValue());
            }
        }
        max = niceCeiling(max);
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s (%s)</text>%n", LEFT, top + 12, panel.title(), panel.unit()));
        int y0 = top + 20;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n", LEFT, y0, plotWidth, PANEL));
        for (int tick = 0; tick <= 4; tick++) {
            double value = max * tick / 4;
            double y = y0 + PANEL - PANEL * tick / 4.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, LEFT + plotWidth, y, y, LEFT - 6, y + 4, label(value)));
        }
        int n = samples.size();
        for (int i = 0; i < n; i += Math.max(1, n / 10)) {
            double x = LEFT + (n == 1 ? 0 : plotWidth * i / (double) (n - 1));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, y0 + PANEL + 14, samples.get(i).get("minute")));
        }
        for (int series = 0; series < panel.keys().size(); series++) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < n; i++) {
                double value = Math.max(0, ((Number) samples.get(i).get(panel.keys().get(series))).doubleValue());
                double x = LEFT + (n == 1 ? 0 : plotWidth * i / (double) (n - 1));
                double y = y0 + PANEL - PANEL * value / max;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            String colour = COLOURS[series % COLOURS.length];
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", colour, points.toString().strip()));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n", LEFT + plotWidth + 10, y0 + 16 + 16 * series, colour,
                    panel.labels().get(series)));
        }
    }

    private static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[]{1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String label(double value) {
        return value >= 100 || value == Math.rint(value) ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private SoakChart() {
    }
}
