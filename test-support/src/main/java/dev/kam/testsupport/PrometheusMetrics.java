package dev.kam.testsupport;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** Reads the service's {@code /q/metrics} as Prometheus scrapes it. */
public final class PrometheusMetrics {

    private PrometheusMetrics() {
    }

    /** A sample's labels; a quoted value may hold braces, as a path template does ({@code uri="/teams/{id}"}). */
    private static final String LABELS = "(\\{(?:[^\"}]|\"(?:[^\"\\\\]|\\\\.)*\")*})?";

    public static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /**
     * The sum of the samples of {@code name} whose labels contain every one of {@code labels} (e.g.
     * {@code status="ACTIVE"}); 0 when there is none. An exemplar (trace and span id) may follow a value.
     */
    public static double value(String name, String... labels) {
        double sum = 0;
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + LABELS + " ([-0-9.eE+]+|NaN)( # .*)?$").matcher(scrape());
        while (line.find()) {
            String found = line.group(1) == null ? "" : line.group(1);
            boolean matches = true;
            for (String label : labels) {
                matches &= found.contains(label);
            }
            if (matches && !line.group(2).equals("NaN")) {
                sum += Double.parseDouble(line.group(2));
            }
        }
        return sum;
    }

    /** Whether {@code name} is exported at all, with any labels. */
    public static boolean exported(String name) {
        return Pattern.compile("(?m)^" + Pattern.quote(name) + "[{ ]").matcher(scrape()).find();
    }
}
