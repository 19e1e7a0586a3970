package dev.kam.team.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How clearly the customer was identified as a key account (Hise & Reid's sixth condition), as scoring's latest
 * designation event said: the model version, the share of the criteria weight it could judge, what was missing, and
 * an override when a person decided rather than the model.
 *
 * @param confidence share of the criteria weight known, 0..1; null when the event did not say (before scoring carried it)
 */
public record Identification(Integer modelVersion, Double confidence, List<String> missing, TierOverride override, Instant at) {

    /** An override in force: who, why, since when, until when. */
    public record TierOverride(String by, String reason, Instant since, Instant expiresAt) {
    }

    /** An override older than this no longer counts as a clear identification: the model has disagreed for a quarter. */
    public static final Duration OVERRIDE_STANDS_FOR = Duration.ofDays(90);

    public Identification {
        missing = missing == null ? List.of() : List.copyOf(missing);
    }

    /** Whether the identification is clear, and why or why not, in words. */
    public record Verdict(boolean clear, String evidence) {
    }

    public Verdict verdict(Instant now) {
        if (override != null) {
            long days = override.since() == null ? 0 : Duration.between(override.since(), now).toDays();
            String who = "decided by an override of " + override.by() + " " + days + " day" + (days == 1 ? "" : "s") + " ago ("
                    + override.reason() + ")";
            return days <= OVERRIDE_STANDS_FOR.toDays()
                    ? new Verdict(true, who)
                    : new Verdict(false, who + "; an override standing over " + OVERRIDE_STANDS_FOR.toDays()
                      + " days means the model and the programme disagree: revisit one of them");
        }
        if (confidence == null) {
            return new Verdict(false, "scoring has not said how clearly it identified the account (no confidence on its designation)");
        }
        String model = "scoring model v" + modelVersion;
        if (confidence < 1.0 || !missing.isEmpty()) {
            return new Verdict(false, "identified by " + model + " with " + Math.round(confidence * 100) + " % of the criteria weight known"
                    + (missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing)));
        }
        return new Verdict(true, "identified by " + model + " with every criterion known");
    }
}
