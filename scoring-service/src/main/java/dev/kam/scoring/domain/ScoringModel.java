package dev.kam.scoring.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An explicit, versioned definition of who is a key account: the source's three criteria, their weights, the
 * thresholds, the gate of purchase potential, the parameters of each criterion, and the sales territories by which
 * geographic dispersion is measured. A model is data; {@link Scorer} applies it.
 *
 * @param promotionThreshold         a customer becomes a key account when its total reaches this
 * @param demotionThreshold          a key account stays one until its total falls below this (lower: no flapping)
 * @param minimumConfidence          share of the criteria weight that must be known to promote a customer
 * @param minimumPotentialEur        the source's first criterion is a must: below this annual purchase potential (or
 *                                   with none known) a customer is not a key account, whatever else it scores
 * @param potentialFloorEur          potential at or below this scores 0 (log scale)
 * @param potentialCeilingEur        potential at or above this scores 100
 * @param eurPerUnit                 currency rates: how many EUR one unit of the currency is worth
 * @param partnership                how the wish for a partnership is judged
 * @param salesTerritories           the supplier's territories, matched in this order (the first that covers a place)
 * @param nationalAccountTerritories a key account present in at least this many territories is a national account
 * @param globalAccountAreas         a key account present in at least this many world areas is a global account
 * @param globalAccountCountries     ... or present in at least this many countries (it buys across the supplier's
 *                                   national sales organisations, even within one world area)
 */
public record ScoringModel(
        Weights weights,
        double promotionThreshold,
        double demotionThreshold,
        double minimumConfidence,
        Double minimumPotentialEur,
        double potentialFloorEur,
        double potentialCeilingEur,
        Map<String, BigDecimal> eurPerUnit,
        ComplexityCaps complexityCaps,
        Partnership partnership,
        List<SalesTerritory> salesTerritories,
        int nationalAccountTerritories,
        int globalAccountAreas,
        int globalAccountCountries) {

    /** Product limits of a model (documented in scoring-service/README.md): a model is read on every score. */
    public static final int MAX_TERRITORIES = 500;
    public static final int MAX_PLACES_PER_TERRITORY = 300;
    public static final int MAX_CURRENCIES = 200;
    public static final int MAX_INTENTS = 20;
    public static final int MAX_EVIDENCE_CRITERIA = 100;
    public static final int MAX_WORD_LENGTH = 100;
    /**
     * The smallest share or rate that means something: a model's weights, shares and minimum confidence are 0 or at least
     * this (1e-320, a number below what a double holds exactly, was taken), and a currency rate lies within it and its inverse.
     */
    public static final double SMALLEST_FRACTION = 0.000001;
    public static final BigDecimal SMALLEST_RATE = new BigDecimal("0.000001");
    public static final BigDecimal LARGEST_RATE = new BigDecimal("1000000");
    /** The most money the model names: customer amounts are below 10^15 (the customer contract). */
    public static final double MOST_EUR = 1e15;

    /** Weights of the three criteria; they sum to 1. */
    public record Weights(double purchasePotential, double buyingComplexity, double partnershipOrientation) {
    }

    /** The value at which each part of buying complexity counts fully (the part scores value / cap, at most 1). */
    public record ComplexityCaps(int buyingCenterSize, int distinctRoles, int selectionCriteria, int territories, int countries,
                                 int functionalAreas, int operatingUnits) {
    }

    /**
     * The customer's wish for a long-term partnership (the source's third criterion): what it states, and what shows
     * it. Our supplier status at the customer is the outcome key account management works for (table 6.1), not a
     * trait that qualifies it, and the years of the relationship would hold new prospects back: neither counts.
     *
     * @param intentShare      share of the criterion given by the stated intent
     * @param evidenceShare    share given by evidence: top management in the buying centre (functional area EXECUTIVE),
     *                         and selection criteria that ask for partnership (any of {@code evidenceCriteria})
     * @param intentPoints     points (0-100) of each stated intent
     * @param evidenceCriteria words that mark a selection criterion as asking for partnership (any case, part of the text)
     */
    public record Partnership(double intentShare, double evidenceShare, Map<String, Double> intentPoints, List<String> evidenceCriteria) {
    }

    /** The model KAM starts with. Documented in scoring-service/README.md. */
    public static ScoringModel defaults() {
        return new ScoringModel(
                new Weights(0.40, 0.35, 0.25),
                65, 55, 0.65,
                1_000_000.0,
                100_000, 50_000_000,
                Map.of("EUR", new BigDecimal("1"), "USD", new BigDecimal("0.92"), "GBP", new BigDecimal("1.17"),
                        "CHF", new BigDecimal("1.05"), "JPY", new BigDecimal("0.0062"), "CNY", new BigDecimal("0.13"),
                        "SEK", new BigDecimal("0.088"), "PLN", new BigDecimal("0.23"), "CAD", new BigDecimal("0.68"),
                        "INR", new BigDecimal("0.011")),
                new ComplexityCaps(12, 5, 10, 3, 5, 6, 5),
                new Partnership(0.6, 0.4,
                        Map.of("NONE", 0.0, "EXPLORING", 40.0, "LONG_TERM_PARTNERSHIP", 80.0, "STRATEGIC_ALLIANCE", 100.0),
                        List.of("partner", "long-term", "long term", "joint", "co-develop", "innovation", "security of supply",
                                "supply security", "reliab", "service level", "sustainab")),
                defaultTerritories(),
                3, 2, 4);
    }

    /**
     * A European supplier's field force: Germany in four territories by federal state (English or German names), its
     * neighbours alone or in groups, the rest of the world by market.
     */
    static List<SalesTerritory> defaultTerritories() {
        String europe = "EUROPE";
        return List.of(
                new SalesTerritory("DE-NORTH", europe, Set.of("DE"), Set.of("Hamburg", "Bremen", "Niedersachsen", "Lower Saxony",
                        "Schleswig-Holstein", "Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania")),
                new SalesTerritory("DE-EAST", europe, Set.of("DE"), Set.of("Berlin", "Brandenburg", "Sachsen", "Saxony",
                        "Sachsen-Anhalt", "Saxony-Anhalt", "Thüringen", "Thuringia")),
                new SalesTerritory("DE-WEST", europe, Set.of("DE"), Set.of("Nordrhein-Westfalen", "North Rhine-Westphalia", "Hessen",
                        "Hesse", "Rheinland-Pfalz", "Rhineland-Palatinate", "Saarland")),
                new SalesTerritory("DE-SOUTH", europe, Set.of("DE"), Set.of("Bayern", "Bavaria", "Baden-Württemberg")),
                new SalesTerritory("ALPINE", europe, Set.of("AT", "CH", "LI"), Set.of()),
                new SalesTerritory("FRANCE", europe, Set.of("FR", "MC"), Set.of()),
                new SalesTerritory("UK-IRELAND", europe, Set.of("GB", "IE"), Set.of()),
                new SalesTerritory("BENELUX", europe, Set.of("BE", "NL", "LU"), Set.of()),
                new SalesTerritory("NORDICS", europe, Set.of("DK", "FI", "NO", "SE", "IS"), Set.of()),
                new SalesTerritory("IBERIA", europe, Set.of("ES", "PT"), Set.of()),
                new SalesTerritory("ITALY", europe, Set.of("IT"), Set.of()),
                new SalesTerritory("CENTRAL-EASTERN-EUROPE", europe, Set.of("PL", "CZ", "SK", "HU", "RO", "BG", "SI", "HR"), Set.of()),
                new SalesTerritory("MIDDLE-EAST-AFRICA", "MIDDLE_EAST_AFRICA",
                        Set.of("AE", "SA", "QA", "TR", "IL", "EG", "MA", "NG", "KE", "ZA"), Set.of()),
                new SalesTerritory("USA", "AMERICAS", Set.of("US"), Set.of()),
                new SalesTerritory("CANADA", "AMERICAS", Set.of("CA"), Set.of()),
                new SalesTerritory("LATIN-AMERICA", "AMERICAS", Set.of("MX", "BR", "AR", "CL", "CO", "PE"), Set.of()),
                new SalesTerritory("GREATER-CHINA", "ASIA_PACIFIC", Set.of("CN", "HK", "TW"), Set.of()),
                new SalesTerritory("JAPAN", "ASIA_PACIFIC", Set.of("JP"), Set.of()),
                new SalesTerritory("KOREA", "ASIA_PACIFIC", Set.of("KR"), Set.of()),
                new SalesTerritory("INDIA", "ASIA_PACIFIC", Set.of("IN"), Set.of()),
                new SalesTerritory("SOUTHEAST-ASIA", "ASIA_PACIFIC", Set.of("SG", "TH", "VN", "ID", "MY", "PH"), Set.of()),
                new SalesTerritory("OCEANIA", "ASIA_PACIFIC", Set.of("AU", "NZ"), Set.of()));
    }

    /** The territory a place belongs to: the first that covers it, or none. */
    public Optional<SalesTerritory> territoryOf(Place place) {
        return TerritoryIndex.of(salesTerritories).territoryOf(place);
    }

    /** The territories (by name, in model order) the places fall in; places in none are left out. */
    public Map<String, SalesTerritory> territoriesOf(List<Place> places) {
        TerritoryIndex index = TerritoryIndex.of(salesTerritories);
        Set<SalesTerritory> hit = new HashSet<>();
        places.forEach(place -> index.territoryOf(place).ifPresent(hit::add));
        Map<String, SalesTerritory> found = new LinkedHashMap<>();
        salesTerritories.stream().filter(hit::contains).forEach(territory -> found.put(territory.name(), territory));
        return found;
    }

    /**
     * The territories by country, their regions in lower case: a lookup per place instead of a scan over every
     * territory's regions. Built once for the territories of the model in use (a scoring pass uses one model for
     * hundreds of customers) and kept until another model's territories are asked for.
     */
    private record TerritoryIndex(List<SalesTerritory> territories, Map<String, List<Covered>> byCountry) {

        private static final java.util.concurrent.atomic.AtomicReference<TerritoryIndex> LAST = new java.util.concurrent.atomic.AtomicReference<>();

        /** @param regions lower case; empty: the whole country */
        private record Covered(SalesTerritory territory, Set<String> regions) {
        }

        static TerritoryIndex of(List<SalesTerritory> territories) {
            TerritoryIndex last = LAST.get();
            if (last != null && last.territories == territories) {
                return last;
            }
            Map<String, List<Covered>> byCountry = new HashMap<>();
            for (SalesTerritory territory : territories) {
                Set<String> regions = new HashSet<>();
                territory.regions().forEach(region -> regions.add(normal(region)));
                territory.countries().forEach(country -> byCountry.computeIfAbsent(country, c -> new ArrayList<>()).add(new Covered(territory, regions)));
            }
            TerritoryIndex built = new TerritoryIndex(territories, byCountry);
            LAST.set(built);
            return built;
        }

        Optional<SalesTerritory> territoryOf(Place place) {
            List<Covered> candidates = place.country() == null ? null : byCountry.get(place.country());
            if (candidates == null) {
                return Optional.empty();
            }
            String region = place.region() == null ? null : normal(place.region());
            return candidates.stream().filter(covered -> covered.regions().isEmpty() || (region != null && covered.regions().contains(region)))
                    .map(Covered::territory).findFirst();
        }

        private static String normal(String region) {
            return region.strip().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The parts of the present model shape this model lacks (a model stored before they existed): what makes an active
     * model one to replace with the defaults at start. Values out of their bounds are no reason to replace a model sales
     * ops activated; they are refused when a draft is made or activated ({@link #problems()}).
     */
    public List<String> shapeProblems() {
        List<String> missing = new ArrayList<>();
        if (weights == null) {
            missing.add("weights are required");
        }
        if (minimumPotentialEur == null) {
            missing.add("minimumPotentialEur is required (0 admits key accounts of any potential)");
        }
        if (eurPerUnit == null || eurPerUnit.isEmpty()) {
            missing.add("eurPerUnit must name at least one currency");
        }
        if (complexityCaps == null) {
            missing.add("complexityCaps are required");
        }
        if (partnership == null || partnership.intentPoints() == null || partnership.intentPoints().isEmpty()) {
            missing.add("partnership with its intentPoints is required");
        }
        if (salesTerritories == null || salesTerritories.isEmpty()) {
            missing.add("salesTerritories must name at least one territory");
        }
        return missing;
    }

    /** What is inconsistent in this model; empty when it can be used. Every part is required. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (weights == null) {
            problems.add("weights are required");
        } else {
            double sum = weights.purchasePotential() + weights.buyingComplexity() + weights.partnershipOrientation();
            if (!(Math.abs(sum - 1.0) <= 1e-6)) {
                problems.add("weights must sum to 1, not " + sum);
            }
            if (weights.purchasePotential() < 0 || weights.buyingComplexity() < 0 || weights.partnershipOrientation() < 0) {
                problems.add("weights must not be negative");
            } else if (tiny(weights.purchasePotential()) || tiny(weights.buyingComplexity()) || tiny(weights.partnershipOrientation())) {
                problems.add("each weight must be 0 or at least " + SMALLEST_RATE.toPlainString());
            }
        }
        if (!(demotionThreshold <= promotionThreshold)) {
            problems.add("demotionThreshold must not exceed promotionThreshold");
        }
        if (!(promotionThreshold > 0 && promotionThreshold <= 100 && demotionThreshold >= 0)) {
            problems.add("thresholds must lie within 0..100");
        }
        if (!(minimumConfidence >= 0 && minimumConfidence <= 1) || tiny(minimumConfidence)) {
            problems.add("minimumConfidence must be 0 or lie within " + SMALLEST_RATE.toPlainString() + "..1");
        }
        if (minimumPotentialEur == null) {
            problems.add("minimumPotentialEur is required (0 admits key accounts of any potential)");
        } else if (!(minimumPotentialEur >= 0 && minimumPotentialEur <= MOST_EUR)) {
            problems.add("minimumPotentialEur must lie within 0..10^15 EUR");
        }
        if (!(potentialFloorEur >= 1 && potentialCeilingEur > potentialFloorEur && potentialCeilingEur <= MOST_EUR)) {
            problems.add("potential bounds must lie within 1..10^15 EUR, the ceiling above the floor");
        }
        if (eurPerUnit == null || eurPerUnit.isEmpty()) {
            problems.add("eurPerUnit must name at least one currency");
        } else if (eurPerUnit.size() > MAX_CURRENCIES) {
            problems.add("eurPerUnit names at most " + MAX_CURRENCIES + " currencies");
        } else if (eurPerUnit.entrySet().stream().anyMatch(rate -> rate.getKey() == null || !rate.getKey().matches("[A-Z]{3}")
                || rate.getValue() == null || rate.getValue().compareTo(SMALLEST_RATE) < 0 || rate.getValue().compareTo(LARGEST_RATE) > 0)) {
            problems.add("eurPerUnit must map ISO 4217 codes to rates within " + SMALLEST_RATE.toPlainString() + ".."
                    + LARGEST_RATE.toPlainString() + " EUR per unit");
        }
        if (complexityCaps == null) {
            problems.add("complexityCaps are required");
        } else if (complexityCaps.buyingCenterSize() < 1 || complexityCaps.distinctRoles() < 1 || complexityCaps.selectionCriteria() < 1
                || complexityCaps.territories() < 1 || complexityCaps.countries() < 1 || complexityCaps.functionalAreas() < 1
                || complexityCaps.operatingUnits() < 1) {
            problems.add("complexityCaps must all be at least 1");
        }
        partnershipProblems(problems);
        territoryProblems(problems);
        if (nationalAccountTerritories < 2) {
            problems.add("nationalAccountTerritories must be at least 2");
        }
        if (globalAccountAreas < 2) {
            problems.add("globalAccountAreas must be at least 2");
        }
        if (globalAccountCountries < 2) {
            problems.add("globalAccountCountries must be at least 2");
        }
        return problems;
    }

    private void partnershipProblems(List<String> problems) {
        if (partnership == null) {
            problems.add("partnership is required");
            return;
        }
        if (!(partnership.intentShare() >= 0 && partnership.evidenceShare() >= 0
                && Math.abs(partnership.intentShare() + partnership.evidenceShare() - 1.0) <= 1e-6)
                || tiny(partnership.intentShare()) || tiny(partnership.evidenceShare())) {
            problems.add("partnership.intentShare and partnership.evidenceShare must each be 0 or at least " + SMALLEST_RATE.toPlainString()
                    + " and must sum to 1");
        }
        Map<String, Double> points = partnership.intentPoints();
        if (points == null || points.isEmpty()) {
            problems.add("partnership.intentPoints are required");
        } else if (points.size() > MAX_INTENTS || points.keySet().stream().anyMatch(intent -> intent == null || !intent.matches("[A-Z][A-Z_]{0,49}"))) {
            problems.add("partnership.intentPoints name at most " + MAX_INTENTS + " intents, each in capitals and _ (e.g. LONG_TERM_PARTNERSHIP)");
        } else if (points.values().stream().anyMatch(value -> value == null || !(value >= 0 && value <= 100))) {
            problems.add("partnership.intentPoints must lie within 0..100");
        }
        if (partnership.evidenceCriteria() == null || partnership.evidenceCriteria().stream().anyMatch(word -> !usableWord(word))) {
            problems.add("partnership.evidenceCriteria must be a list of words (it may be empty)");
        } else if (partnership.evidenceCriteria().size() > MAX_EVIDENCE_CRITERIA) {
            problems.add("partnership.evidenceCriteria has at most " + MAX_EVIDENCE_CRITERIA + " words");
        }
    }

    private void territoryProblems(List<String> problems) {
        if (salesTerritories == null || salesTerritories.isEmpty()) {
            problems.add("salesTerritories must name at least one territory");
            return;
        }
        if (salesTerritories.size() > MAX_TERRITORIES) {
            problems.add("salesTerritories has at most " + MAX_TERRITORIES + " territories");
            return;
        }
        Set<String> names = new HashSet<>();
        for (SalesTerritory territory : salesTerritories) {
            if (territory == null || territory.name() == null || !territory.name().matches("[A-Za-z0-9][A-Za-z0-9_-]{0,49}")) {
                problems.add("a sales territory needs a name of letters, digits, - and _ (at most 50)");
                continue;
            }
            if (!names.add(territory.name())) {
                problems.add("sales territory " + territory.name() + " is named twice");
            }
            if (territory.area() == null || !territory.area().matches("[A-Za-z0-9][A-Za-z0-9_-]{0,49}")) {
                problems.add("sales territory " + territory.name() + " needs its world area (letters, digits, - and _, at most 50)");
            }
            if (territory.countries().isEmpty() || territory.countries().size() > MAX_PLACES_PER_TERRITORY
                    || territory.countries().stream().anyMatch(country -> country == null || !country.matches("[A-Z]{2}"))) {
                problems.add("sales territory " + territory.name() + " must cover 1 to " + MAX_PLACES_PER_TERRITORY
                        + " ISO 3166-1 alpha-2 countries");
            }
            if (territory.regions().size() > MAX_PLACES_PER_TERRITORY || territory.regions().stream().anyMatch(region -> !usableWord(region))) {
                problems.add("sales territory " + territory.name() + " may name at most " + MAX_PLACES_PER_TERRITORY
                        + " regions, each a word of at most " + MAX_WORD_LENGTH + " characters");
            }
        }
    }

    /** Above zero and below {@link #SMALLEST_FRACTION}: a share or rate too small to mean anything. */
    private static boolean tiny(double value) {
        return value > 0 && value < SMALLEST_FRACTION;
    }

    /** A word or name: not blank, at most {@link #MAX_WORD_LENGTH} characters, no control characters. */
    private static boolean usableWord(String word) {
        return word != null && !word.isBlank() && word.length() <= MAX_WORD_LENGTH && word.chars().noneMatch(Character::isISOControl);
    }
}
