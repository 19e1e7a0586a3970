package dev.kam.team.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The account plan (Hise & Reid condition 4: goals set and missions defined). */
public record AccountPlan(String mission, List<Goal> goals, List<CommunicationLine> communication, int version) {

    /** A goal's metric that KAM measures itself: our supplier status at the customer, the programme's outcome. */
    public static final String SUPPLIER_STATUS_METRIC = "supplierStatus";

    public AccountPlan {
        goals = goals == null ? List.of() : List.copyOf(goals);
        communication = communication == null ? List.of() : List.copyOf(communication);
    }

    /**
     * A measurable goal: what is measured, the target, by when, and how it stands. With the metric
     * {@value #SUPPLIER_STATUS_METRIC} the target is a supplier status (e.g. PREFERRED) and KAM evaluates it.
     */
    public record Goal(String title, String metric, String target, LocalDate dueDate, String status) {
        public boolean measurable() {
            return metric != null && !metric.isBlank() && target != null && !target.isBlank() && dueDate != null;
        }

        public boolean aboutSupplierStatus() {
            return SUPPLIER_STATUS_METRIC.equals(metric);
        }
    }

    /**
     * A regular line of communication between functions of the supplier (condition 3: clear, practical lines between
     * the main sales and service units).
     *
     * @param between   who talks, in words ("sales and service")
     * @param cadence   how often: an ISO 8601 period (P1W, P14D, P1M) or daily, weekly, fortnightly, monthly, quarterly
     * @param functions which of the supplier's functions it connects (SALES, SERVICE, TECHNICAL, ...); when absent, read
     *                  from the words of {@code between}
     * @param lastHeld  when the line was last used; a line is in use while its cadence has not passed since
     */
    public record CommunicationLine(String between, String channel, String cadence, List<String> functions, LocalDate lastHeld) {

        public CommunicationLine {
            functions = functions == null ? List.of() : List.copyOf(functions);
        }

        /** The functions this line connects. Sales includes the key account manager's and field sales' work. */
        public Set<LineFunction> connects() {
            Set<LineFunction> connected = EnumSet.noneOf(LineFunction.class);
            if (!functions.isEmpty()) {
                functions.forEach(function -> LineFunction.of(function).ifPresent(connected::add));
                return connected;
            }
            String words = between == null ? "" : between.toLowerCase(Locale.ROOT);
            for (LineFunction function : LineFunction.values()) {
                if (function.words.stream().anyMatch(words::contains)) {
                    connected.add(function);
                }
            }
            return connected;
        }

        /** The longest cadence a line may have: a line held less often than once a year links no one in practice. */
        public static final Period LONGEST_CADENCE = Period.ofYears(1);
        /** The cadences KAM reads, in words, for a refusal to name. */
        public static final String CADENCES = "an ISO 8601 period from P1D to P1Y (P1W, P14D, P1M, P3M) or one of daily, weekly, "
                + "fortnightly, monthly, quarterly";

        /** The cadence as a period, if it is one KAM understands: positive and at most {@link #LONGEST_CADENCE}. */
        public Optional<Period> period() {
            return cadence(cadence);
        }

        /** {@code cadence} as a period, if it is one KAM understands: positive and at most {@link #LONGEST_CADENCE}. */
        public static Optional<Period> cadence(String cadence) {
            if (cadence == null) {
                return Optional.empty();
            }
            String value = cadence.strip().toLowerCase(Locale.ROOT);
            switch (value) {
                case "daily": return Optional.of(Period.ofDays(1));
                case "weekly": return Optional.of(Period.ofWeeks(1));
                case "fortnightly", "biweekly", "bi-weekly": return Optional.of(Period.ofWeeks(2));
                case "monthly": return Optional.of(Period.ofMonths(1));
                case "quarterly": return Optional.of(Period.ofMonths(3));
                default:
                    Period period;
                    try {
                        period = Period.parse(value.toUpperCase(Locale.ROOT));
                    } catch (DateTimeParseException e) {
                        return Optional.empty();
                    }
                    return period.isNegative() || period.isZero() || longerThanAYear(period) ? Optional.empty() : Optional.of(period);
            }
        }

        /**
         * Compared on a leap year's calendar, so P1Y, P12M, P52W and P366D are all a year. Years are checked first: a
         * period of 999999999 years cannot be added to any date (and a plan holding one once broke every health read).
         */
        private static boolean longerThanAYear(Period period) {
            if (period.getYears() > LONGEST_CADENCE.getYears() || period.toTotalMonths() > LONGEST_CADENCE.toTotalMonths()) {
                return true;
            }
            LocalDate leapYear = LocalDate.of(2024, 1, 1);
            try {
                return leapYear.plus(period).isAfter(leapYear.plus(LONGEST_CADENCE));
            } catch (DateTimeException e) {
                return true;
            }
        }

        /** In use on {@code today}: held within its cadence (a day's grace for the meeting that is due today). */
        public boolean inUse(LocalDate today) {
            if (lastHeld == null) {
                return false;
            }
            return period().map(p -> {
                try {
                    return !lastHeld.plus(p).plusDays(1).isBefore(today);
                } catch (DateTimeException beyondTheCalendar) {
                    return true; // held on the last days the calendar has: its cadence cannot have passed
                }
            }).orElse(false);
        }
    }

    /** The supplier's functions a communication line can connect. */
    public enum LineFunction {
        SALES(List.of("sales", "key account", "field")),
        SERVICE(List.of("service", "support", "customer care")),
        TECHNICAL(List.of("technical", "engineering", "quality", "application")),
        LOGISTICS(List.of("logistics", "supply chain", "delivery")),
        FINANCE(List.of("finance", "billing", "credit")),
        MARKETING(List.of("marketing")),
        EXECUTIVE(List.of("executive", "management board", "top management"));

        private final List<String> words;

        LineFunction(List<String> words) {
            this.words = words;
        }

        public static Optional<LineFunction> of(String name) {
            try {
                return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException | NullPointerException e) {
                return Optional.empty();
            }
        }

        /** The function that answers a functional area of the customer's buying centre (see {@link SpecialistNeed}). */
        public static Optional<LineFunction> answering(String customerArea) {
            return SpecialistNeed.answering(customerArea).flatMap(function -> of(function.name()));
        }
    }

    public boolean hasMissionAndMeasurableGoals() {
        return mission != null && !mission.isBlank() && goals.stream().anyMatch(Goal::measurable);
    }
}
