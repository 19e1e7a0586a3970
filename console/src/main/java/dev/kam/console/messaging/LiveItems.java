package dev.kam.console.messaging;

import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The lines the portfolio's live list adds, as HTML (htmx swaps them in); every value is escaped. */
final class LiveItems {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private LiveItems() {
    }

    static String teamChange(String customerId, String type) {
        return item(customerId, "team: " + describe(type, "kam.team."));
    }

    static String designationChange(String customerId, String type) {
        return item(customerId, "designation: " + describe(type, "kam.scoring."));
    }

    private static String item(String customerId, String what) {
        return "<li><time>" + LocalTime.now(ZoneOffset.UTC).format(TIME) + " UTC</time> <a href=\"/accounts/" + escape(customerId) + "\">"
                + escape(customerId.length() > 8 ? customerId.substring(0, 8) : customerId) + "</a> " + escape(what) + "</li>";
    }

    /** {@code kam.team.member-assigned.v1} reads "member assigned". */
    static String describe(String type, String prefix) {
        String name = type.startsWith(prefix) ? type.substring(prefix.length()) : type;
        return name.replaceFirst("\\.v[0-9]+$", "").replace('-', ' ');
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
