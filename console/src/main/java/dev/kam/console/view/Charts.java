package dev.kam.console.view;

import dev.kam.console.domain.HistoryPoint;
import dev.kam.console.domain.RelationshipMap;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The console's charts as inline SVG; each page also shows the same figures as text or a table. */
public final class Charts {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private Charts() {
    }

    /**
     * How many customers score in each band of 5 points, with the promotion and revocation thresholds drawn in: where
     * the portfolio sits against the line that makes a key account.
     */
    public static String scoreDistribution(List<Double> scores, double promotion, double demotion) {
        int[] bands = new int[20];
        for (double score : scores) {
            bands[Math.min(19, Math.max(0, (int) (score / 5)))]++;
        }
        int highest = 1;
        for (int count : bands) {
            highest = Math.max(highest, count);
        }
        int width = 640;
        int height = 260;
        double left = 48;
        double bottom = 220;
        double plotWidth = width - left - 16;
        double plotHeight = 190;
        Svg svg = new Svg(width, height, "distribution", "Score distribution of " + scores.size() + " customers",
                "Customers per band of 5 points; promotion threshold " + number(promotion) + ", revocation below " + number(demotion) + ".");
        svg.line(left, bottom, left + plotWidth, bottom, Svg.MUTED, 1, false);
        for (int tick = 0; tick <= 4; tick++) {
            double y = bottom - plotHeight * tick / 4;
            svg.line(left, y, left + plotWidth, y, Svg.GRID, 0.5, false).text(left - 6, y + 4, String.valueOf(Math.round(highest * tick / 4.0)), "end", 11, Svg.MUTED);
        }
        double band = plotWidth / 20;
        for (int i = 0; i < 20; i++) {
            double barHeight = plotHeight * bands[i] / highest;
            String fill = i * 5 >= promotion ? Svg.ACCENT : "#6b7685";
            svg.rect(left + i * band + 1, bottom - barHeight, band - 2, barHeight, fill, "");
            if (i % 2 == 0) {
                svg.text(left + i * band, bottom + 16, String.valueOf(i * 5), "middle", 11, Svg.MUTED);
            }
        }
        svg.text(left + plotWidth, bottom + 16, "100", "middle", 11, Svg.MUTED);
        double promotionX = left + plotWidth * promotion / 100;
        double demotionX = left + plotWidth * demotion / 100;
        svg.line(promotionX, bottom - plotHeight - 10, promotionX, bottom, Svg.INK, 2, false)
                .text(promotionX + 4, bottom - plotHeight - 2, "promotion " + number(promotion), "start", 12, Svg.INK)
                .line(demotionX, bottom - plotHeight - 10, demotionX, bottom, Svg.WARN, 2, true)
                .text(demotionX - 4, bottom - plotHeight - 2, "revocation " + number(demotion), "end", 12, Svg.WARN)
                .text(left + plotWidth / 2, height - 6, "score", "middle", 12, Svg.MUTED);
        return svg.end();
    }

    /** The score over time, one step per recorded change, with the thresholds of the model in force now. */
    public static String scoreHistory(List<HistoryPoint> history, double promotion, double demotion, Instant now) {
        int width = 640;
        int height = 240;
        double left = 44;
        double right = width - 16;
        double top = 16;
        double bottom = 200;
        List<HistoryPoint> points = history.stream().sorted(java.util.Comparator.comparing(HistoryPoint::at)).toList();
        Svg svg = new Svg(width, height, "history", "Score history",
                points.size() + " recorded scores; now " + (points.isEmpty() ? "none" : number(points.get(points.size() - 1).score())) + ".");
        for (int score = 0; score <= 100; score += 25) {
            double y = bottom - (bottom - top) * score / 100;
            svg.line(left, y, right, y, Svg.GRID, 0.5, false).text(left - 6, y + 4, String.valueOf(score), "end", 11, Svg.MUTED);
        }
        double promotionY = bottom - (bottom - top) * promotion / 100;
        double demotionY = bottom - (bottom - top) * demotion / 100;
        svg.line(left, promotionY, right, promotionY, Svg.INK, 1.5, false).text(right, promotionY - 4, "promotion " + number(promotion), "end", 11, Svg.INK)
                .line(left, demotionY, right, demotionY, Svg.WARN, 1.5, true).text(right, demotionY + 14, "revocation " + number(demotion), "end", 11, Svg.WARN);
        if (points.isEmpty()) {
            return svg.end();
        }
        Instant first = points.get(0).at();
        Instant last = now.isAfter(first) ? now : first.plusSeconds(60);
        double span = Math.max(1, Duration.between(first, last).toMillis());
        StringBuilder line = new StringBuilder();
        double previousY = -1;
        for (HistoryPoint point : points) {
            double x = left + (right - left) * Duration.between(first, point.at()).toMillis() / span;
            double y = bottom - (bottom - top) * point.score() / 100;
            if (previousY >= 0) {
                line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, previousY)); // a score holds until the next one
            }
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            previousY = y;
        }
        line.append(String.format(Locale.ROOT, "%.1f,%.1f", right, previousY));
        svg.polyline(line.toString(), Svg.ACCENT);
        for (HistoryPoint point : points) {
            double x = left + (right - left) * Duration.between(first, point.at()).toMillis() / span;
            svg.circle(x, bottom - (bottom - top) * point.score() / 100, 4, Svg.ACCENT, Svg.ACCENT, false);
        }
        svg.text(left, bottom + 18, DAY.format(first), "start", 11, Svg.MUTED).text(right, bottom + 18, DAY.format(last), "end", 11, Svg.MUTED);
        return svg.end();
    }

    /**
     * The buying centre as a graph: our people on the left, the customer's contacts on the right, a line for each
     * relationship someone owns. An unowned contact has a dashed red ring; an overdue one says so; one person of ours
     * holding every relationship is the bow-tie the caption names.
     */
    public static String relationshipMap(RelationshipMap map) {
        Map<String, List<Integer>> contactsByOwner = new LinkedHashMap<>();
        for (int i = 0; i < map.contacts().size(); i++) {
            RelationshipMap.Contact contact = map.contacts().get(i);
            if (contact.owner() != null) {
                contactsByOwner.computeIfAbsent(contact.owner(), owner -> new ArrayList<>()).add(i);
            }
        }
        int rows = Math.max(map.contacts().size(), Math.max(1, contactsByOwner.size()));
        int width = 640;
        int height = 40 + rows * 56;
        double ownersX = 120;
        double contactsX = 430;
        Svg svg = new Svg(width, height, "relationships", "Relationship map",
                map.contacts().size() + " contacts in the buying centre, " + map.unowned() + " without an owner"
                        + (map.bowTie() ? "; single-threaded (bow-tie): every relationship runs through one person" : "") + ".");
        svg.text(ownersX, 20, "Our people", "middle", 13, Svg.INK).text(contactsX, 20, "Buying centre", "middle", 13, Svg.INK);
        List<String> owners = new ArrayList<>(contactsByOwner.keySet());
        double ownerStep = (height - 40.0) / Math.max(1, owners.size());
        double contactStep = (height - 40.0) / Math.max(1, map.contacts().size());
        for (int o = 0; o < owners.size(); o++) {
            double y = 40 + ownerStep * (o + 0.5);
            for (int contactIndex : contactsByOwner.get(owners.get(o))) {
                svg.line(ownersX + 18, y, contactsX - 18, 40 + contactStep * (contactIndex + 0.5), Svg.MUTED, 1.5, false);
            }
        }
        for (int o = 0; o < owners.size(); o++) {
            double y = 40 + ownerStep * (o + 0.5);
            svg.circle(ownersX, y, 16, "#dbe8f6", Svg.ACCENT, false).text(ownersX - 22, y + 4, owners.get(o), "end", 12, Svg.INK);
        }
        for (int c = 0; c < map.contacts().size(); c++) {
            RelationshipMap.Contact contact = map.contacts().get(c);
            double y = 40 + contactStep * (c + 0.5);
            svg.circle(contactsX, y, 16, contact.unowned() ? "#fff" : "#eef1f4", contact.unowned() ? Svg.WARN : Svg.INK, contact.unowned());
            String flags = contact.unowned() ? " · no owner" : contact.overdue() ? " · overdue" : "";
            svg.text(contactsX + 24, y, contact.displayName(), "start", 12, Svg.INK)
                    .text(contactsX + 24, y + 15, contact.rolesLabel() + flags, "start", 11, contact.unowned() || contact.overdue() ? Svg.WARN : Svg.MUTED);
        }
        return svg.end();
    }

    /** Hise &amp; Reid's scorecard: the share of teams meeting each of the six conditions. */
    public static String scorecard(List<dev.kam.console.domain.Programme.ConditionShare> conditions) {
        int width = 640;
        int row = 34;
        int height = 20 + conditions.size() * row;
        double left = 300;
        double barWidth = width - left - 60;
        Svg svg = new Svg(width, height, "scorecard", "Hise & Reid scorecard", "The share of teams meeting each of the six conditions.");
        for (int i = 0; i < conditions.size(); i++) {
            var condition = conditions.get(i);
            double y = 10 + i * row;
            String label = condition.number() + ". " + condition.name();
            svg.text(left - 8, y + 17, label.length() > 44 ? label.substring(0, 43) + "…" : label, "end", 12, Svg.INK)
                    .rect(left, y + 4, barWidth, 18, "#e6e9ee", "")
                    .rect(left, y + 4, barWidth * Math.max(0, Math.min(1, condition.share())), 18, Svg.ACCENT, "")
                    .text(left + barWidth + 6, y + 17, condition.percent() + " %", "start", 12, Svg.INK);
        }
        return svg.end();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
