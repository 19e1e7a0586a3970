package dev.kam.console.view;

import java.util.Locale;

/**
 * A small SVG writer for the console's charts: drawn on the server, so a chart needs no script, prints, and carries its
 * own title and description for screen readers. Every text is escaped here.
 */
final class Svg {

    /** Contrast of at least 4.5:1 on white (WCAG 2.1 AA) for every colour that carries text or meaning. */
    static final String INK = "#1b1f24";
    static final String MUTED = "#4a5360";
    static final String ACCENT = "#0b5cad";
    static final String WARN = "#a33b00";
    static final String GRID = "#c9ced6";

    private final StringBuilder out = new StringBuilder();

    Svg(int width, int height, String id, String title, String description) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title ").append(id).append("-desc\" class=\"chart\">")
                .append("<title id=\"").append(id).append("-title\">").append(escape(title)).append("</title>")
                .append("<desc id=\"").append(id).append("-desc\">").append(escape(description)).append("</desc>");
    }

    Svg rect(double x, double y, double width, double height, String fill, String extra) {
        out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"%s/>", x, y, width, height,
                fill, extra.isEmpty() ? "" : " " + extra));
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke, double width, boolean dashed) {
        out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>",
                x1, y1, x2, y2, stroke, width, dashed ? " stroke-dasharray=\"6 4\"" : ""));
        return this;
    }

    Svg circle(double x, double y, double r, String fill, String stroke, boolean dashed) {
        out.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" stroke=\"%s\" stroke-width=\"2\"%s/>",
                x, y, r, fill, stroke, dashed ? " stroke-dasharray=\"4 3\"" : ""));
        return this;
    }

    Svg polyline(String points, String stroke) {
        out.append("<polyline points=\"").append(points).append("\" fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"2.5\"/>");
        return this;
    }

    Svg text(double x, double y, String text, String anchor, int size, String fill) {
        out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" fill=\"%s\">", x, y, anchor, size, fill))
                .append(escape(text)).append("</text>");
        return this;
    }

    String end() {
        return out.append("</svg>").toString();
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
