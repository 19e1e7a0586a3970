package dev.kam.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A synthetic but plausible B2B portfolio, the same for the same seed: customers as a CRM would send them (one
 * JSON object per customer, upserted by its CRM id) and the supplier's staff.
 *
 * <p>The mix follows the domain: a few large buyers on several continents with big buying centres and a wish for
 * a strategic partnership (global accounts to be), German buyers with many sites across the country (national
 * accounts within one country), some large regional buyers (key accounts), a band of borderline cases around the
 * promotion threshold, and many single-site transactional buyers, some of them with gaps in their data, as CRM data
 * has. The supplier is German: its field force works in the sales territories of scoring's default model (Germany
 * in four by federal state, its neighbours, the world by market), reps report to regional sales managers, and the
 * key account managers coordinate them across territories.
 */
public final class Portfolio {

    /** How a generated customer was meant: what the scorer should make of it is for the scorer to say. */
    public enum Segment { GLOBAL_STRATEGIC, NATIONAL_GERMAN, LARGE_REGIONAL, BORDERLINE, TRANSACTIONAL }

    public record Customer(String crmId, Segment segment, ObjectNode profile) {
    }

    public record StaffMember(String employeeId, ObjectNode line) {
    }

    public static final String CRM_SYSTEM = "demo-crm";
    static final int KEY_ACCOUNT_MANAGERS = 20;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The world areas of scoring's default territories and the countries of each where the demo's customers have sites. */
    private static final Map<String, List<String>> COUNTRIES_BY_AREA = Map.of(
            "EUROPE", List.of("DE", "FR", "GB", "IT", "ES", "NL", "SE", "PL", "CH", "AT", "BE", "DK", "FI", "NO", "CZ"),
            "MIDDLE_EAST_AFRICA", List.of("AE", "ZA", "TR"),
            "AMERICAS", List.of("US", "CA", "MX", "BR", "AR", "CL", "CO"),
            "ASIA_PACIFIC", List.of("CN", "JP", "KR", "IN", "SG", "AU", "TH", "VN", "ID", "MY"));
    private static final List<String> AREAS = List.of("EUROPE", "AMERICAS", "ASIA_PACIFIC", "MIDDLE_EAST_AFRICA");
    /** Germany's federal states by the supplier's four German territories (scoring's default model). */
    static final Map<String, List<String>> GERMAN_STATES = Map.of(
            "DE-NORTH", List.of("Hamburg", "Bremen", "Niedersachsen", "Schleswig-Holstein", "Mecklenburg-Vorpommern"),
            "DE-EAST", List.of("Berlin", "Brandenburg", "Sachsen", "Sachsen-Anhalt", "Thüringen"),
            "DE-WEST", List.of("Nordrhein-Westfalen", "Hessen", "Rheinland-Pfalz", "Saarland"),
            "DE-SOUTH", List.of("Bayern", "Baden-Württemberg"));
    static final List<String> GERMAN_TERRITORIES = List.of("DE-NORTH", "DE-EAST", "DE-WEST", "DE-SOUTH");
    /** The territories outside Germany, by the regional sales manager who answers for them. */
    static final Map<String, List<String>> TERRITORIES_BY_MANAGER = Map.of(
            "SM-EUROPE", List.of("ALPINE", "FRANCE", "UK-IRELAND", "BENELUX", "NORDICS", "IBERIA", "ITALY", "CENTRAL-EASTERN-EUROPE"),
            "SM-AMERICAS", List.of("USA", "CANADA", "LATIN-AMERICA"),
            "SM-APAC", List.of("GREATER-CHINA", "JAPAN", "KOREA", "INDIA", "SOUTHEAST-ASIA", "OCEANIA"),
            "SM-MEA", List.of("MIDDLE-EAST-AFRICA"));
    private static final List<String> INDUSTRIES = List.of("automotive", "chemicals", "pharmaceuticals", "food and beverage",
            "electronics", "machinery", "energy", "construction", "logistics", "retail", "aerospace", "medical devices");
    private static final Map<String, List<String>> UNITS_BY_INDUSTRY = Map.ofEntries(
            Map.entry("automotive", List.of("Powertrain", "Chassis", "Electronics", "Interiors", "Aftermarket", "Battery Systems")),
            Map.entry("chemicals", List.of("Polymers", "Coatings", "Specialty Chemicals", "Agro", "Catalysts", "Intermediates")),
            Map.entry("pharmaceuticals", List.of("Oncology", "Vaccines", "Generics", "Consumer Health", "Biologics", "API Manufacturing")),
            Map.entry("food and beverage", List.of("Dairy", "Beverages", "Snacks", "Frozen", "Ingredients", "Packaging")),
            Map.entry("electronics", List.of("Semiconductors", "Components", "Displays", "Power Electronics", "Sensors", "EMS")),
            Map.entry("machinery", List.of("Machine Tools", "Robotics", "Hydraulics", "Service", "Drives", "Packaging Machines")),
            Map.entry("energy", List.of("Upstream", "Refining", "Renewables", "Grid", "Trading", "Hydrogen")),
            Map.entry("construction", List.of("Infrastructure", "Residential", "Cement", "Steel Structures", "Facades", "Rental")),
            Map.entry("logistics", List.of("Air Freight", "Ocean Freight", "Contract Logistics", "Road", "Parcel", "Customs")),
            Map.entry("retail", List.of("Grocery", "Fashion", "Home", "E-Commerce", "Private Label", "Stores")),
            Map.entry("aerospace", List.of("Aerostructures", "Engines", "Avionics", "MRO", "Defence", "Space")),
            Map.entry("medical devices", List.of("Imaging", "Diagnostics", "Surgical", "Cardiology", "Orthopaedics", "Home Care")));
    private static final List<String> NAME_STEMS = List.of("Nord", "Atlas", "Vega", "Orion", "Helix", "Alpen", "Baltic", "Condor",
            "Delta", "Echo", "Falcon", "Granite", "Harbor", "Iris", "Juno", "Kestrel", "Lumen", "Meridian", "Nova", "Olympus",
            "Pioneer", "Quanta", "Rhein", "Summit", "Titan", "Unity", "Vertex", "Weser", "Xylo", "Yukon", "Zenith", "Aurora",
            "Borealis", "Cascade", "Dune", "Ember", "Fjord", "Glacier", "Horizon", "Isar", "Jade", "Kodiak", "Lynx", "Monarch");
    private static final List<String> NAME_WORDS = List.of("Works", "Industries", "Group", "Systems", "Technologies", "Holding",
            "Manufacturing", "Solutions", "Partners", "Enterprises");
    private static final Map<String, String> LEGAL_FORMS = Map.ofEntries(Map.entry("DE", "GmbH"), Map.entry("AT", "GmbH"),
            Map.entry("CH", "AG"), Map.entry("FR", "SA"), Map.entry("GB", "Ltd"), Map.entry("IT", "S.p.A."), Map.entry("ES", "S.L."),
            Map.entry("NL", "B.V."), Map.entry("SE", "AB"), Map.entry("FI", "Oy"), Map.entry("PL", "Sp. z o.o."),
            Map.entry("US", "Inc."), Map.entry("CA", "Ltd."), Map.entry("BR", "Ltda."), Map.entry("MX", "S.A. de C.V."),
            Map.entry("JP", "K.K."), Map.entry("CN", "Co., Ltd."), Map.entry("IN", "Pvt. Ltd."), Map.entry("AU", "Pty Ltd"));
    private static final List<String> CRITERIA = List.of("price", "quality", "delivery reliability", "technical support",
            "innovation", "sustainability", "payment terms", "local presence", "certification", "references", "lead time",
            "total cost of ownership");
    private static final List<String> FUNCTIONAL_AREAS = List.of("PROCUREMENT", "ENGINEERING", "OPERATIONS", "QUALITY", "FINANCE",
            "IT", "LOGISTICS", "MARKETING", "EXECUTIVE");
    private static final List<String> ROLES = List.of("INITIATOR", "USER", "INFLUENCER", "DECIDER", "BUYER", "GATEKEEPER", "APPROVER");
    private static final List<String> TITLES = List.of("Head of Purchasing", "Category Manager", "Plant Manager", "CTO",
            "Quality Director", "Buyer", "CFO", "Engineering Lead", "Supply Chain Director", "COO", "Project Manager", "Controller");
    private static final List<String> FIRST_NAMES = List.of("Anna", "Ben", "Carla", "David", "Elif", "Farid", "Greta", "Hiro",
            "Ines", "Jonas", "Kira", "Luca", "Maya", "Noah", "Olga", "Pablo", "Qi", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wen", "Yusuf");
    private static final List<String> LAST_NAMES = List.of("Schmidt", "Dubois", "Rossi", "Garcia", "Nowak", "Johansson", "Smith",
            "Tanaka", "Kim", "Sharma", "Silva", "Chen", "Müller", "Martin", "Bianchi", "Lopez", "Kowalski", "Berg", "Brown", "Sato");

    private final long seed;
    private final List<Customer> customers;
    private final List<StaffMember> staff;

    private Portfolio(long seed, List<Customer> customers, List<StaffMember> staff) {
        this.seed = seed;
        this.customers = customers;
        this.staff = staff;
    }

    /** The default portfolio: about 2,000 customers and 150 staff. */
    public static Portfolio generate(long seed) {
        return generate(seed, 15, 12, 58, 165, 1750);
    }

    public static Portfolio generate(long seed, int globalStrategic, int nationalGerman, int largeRegional, int borderline, int transactional) {
        Random random = new Random(seed);
        List<Customer> customers = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        int number = 0;
        for (Segment segment : Segment.values()) {
            int count = switch (segment) {
                case GLOBAL_STRATEGIC -> globalStrategic;
                case NATIONAL_GERMAN -> nationalGerman;
                case LARGE_REGIONAL -> largeRegional;
                case BORDERLINE -> borderline;
                case TRANSACTIONAL -> transactional;
            };
            for (int i = 0; i < count; i++) {
                number++;
                String crmId = String.format("DEMO-%05d", number);
                customers.add(new Customer(crmId, segment, customer(random, segment, crmId, names)));
            }
        }
        return new Portfolio(seed, List.copyOf(customers), staff(new Random(seed * 31 + 7)));
    }

    public long seed() {
        return seed;
    }

    public List<Customer> customers() {
        return customers;
    }

    public List<StaffMember> staff() {
        return staff;
    }

    // --- customers -----------------------------------------------------------------------------------

    private static ObjectNode customer(Random random, Segment segment, String crmId, Set<String> names) {
        String industry = pick(random, INDUSTRIES);
        List<String> areas = switch (segment) {
            case GLOBAL_STRATEGIC -> List.of("EUROPE", "AMERICAS", "ASIA_PACIFIC");
            case NATIONAL_GERMAN -> List.of("EUROPE");
            case LARGE_REGIONAL -> random.nextInt(4) == 0 ? sample(random, AREAS.subList(0, 3), 2) : List.of(pick(random, AREAS.subList(0, 3)));
            default -> List.of(pick(random, AREAS));
        };
        String headquarters = segment == Segment.NATIONAL_GERMAN ? "DE" : pick(random, COUNTRIES_BY_AREA.get(areas.get(0)));
        ObjectNode profile = JSON.createObjectNode();
        ArrayNode refs = profile.putArray("externalRefs");
        refs.addObject().put("system", CRM_SYSTEM).put("id", crmId);
        profile.put("legalName", uniqueName(random, headquarters, industry, names));
        profile.put("industry", industry);
        profile.put("headquartersCountry", headquarters);

        double potential = switch (segment) {
            case GLOBAL_STRATEGIC -> 20_000_000 + random.nextInt(60_000_000);
            case NATIONAL_GERMAN -> 8_000_000 + random.nextInt(25_000_000);
            case LARGE_REGIONAL -> 6_000_000 + random.nextInt(20_000_000);
            case BORDERLINE -> 2_000_000 + random.nextInt(6_000_000);
            case TRANSACTIONAL -> 40_000 + random.nextInt(1_200_000);
        };
        boolean potentialKnown = segment != Segment.TRANSACTIONAL || random.nextInt(10) > 0;
        if (potentialKnown) {
            String currency = currency(headquarters);
            profile.putObject("annualPurchasePotential").put("amount", Math.round(potential * rate(currency) / 1000) * 1000).put("currency", currency);
            profile.putObject("currentAnnualRevenue").put("amount", Math.round(potential * rate(currency) * (0.1 + random.nextDouble() * 0.4) / 1000) * 1000)
                    .put("currency", currency);
        }

        List<String[]> sites = switch (segment) {
            case NATIONAL_GERMAN -> germanSites(random, 3 + random.nextInt(2), 8 + random.nextInt(33));
            default -> sites(random, segment, headquarters, areas);
        };
        ArrayNode locations = profile.putArray("locations");
        Set<String> placed = new LinkedHashSet<>();
        for (String[] site : sites) {
            ObjectNode location = locations.addObject().put("country", site[0]);
            if (site[1] != null) {
                location.put("region", site[1]);
            }
            placed.add(site[0]);
        }

        int units = switch (segment) {
            case GLOBAL_STRATEGIC, NATIONAL_GERMAN -> 3 + random.nextInt(3);
            case LARGE_REGIONAL -> 2 + random.nextInt(2);
            case BORDERLINE -> 1 + random.nextInt(2);
            case TRANSACTIONAL -> random.nextInt(2);
        };
        ArrayNode unitNodes = profile.putArray("operatingUnits");
        List<String> unitNames = sample(random, UNITS_BY_INDUSTRY.get(industry), units);
        List<String> countryList = List.copyOf(placed);
        for (String unit : unitNames) {
            unitNodes.addObject().put("name", unit).put("country", pick(random, countryList));
        }

        int functionalAreas = switch (segment) {
            case GLOBAL_STRATEGIC, NATIONAL_GERMAN -> 6 + random.nextInt(3);
            case LARGE_REGIONAL -> 4 + random.nextInt(3);
            case BORDERLINE -> 3 + random.nextInt(3);
            case TRANSACTIONAL -> 1 + random.nextInt(2);
        };
        ArrayNode areaNodes = profile.putArray("functionalAreas");
        sample(random, FUNCTIONAL_AREAS, functionalAreas).forEach(areaNodes::add);

        int criteria = switch (segment) {
            case GLOBAL_STRATEGIC, NATIONAL_GERMAN -> 9 + random.nextInt(4);
            case LARGE_REGIONAL -> 6 + random.nextInt(4);
            case BORDERLINE -> 4 + random.nextInt(4);
            case TRANSACTIONAL -> 1 + random.nextInt(3);
        };
        ArrayNode criteriaNodes = profile.putArray("selectionCriteria");
        sample(random, CRITERIA, criteria).forEach(criteriaNodes::add);

        int contacts = switch (segment) {
            case GLOBAL_STRATEGIC, NATIONAL_GERMAN -> 10 + random.nextInt(6);
            case LARGE_REGIONAL -> 6 + random.nextInt(5);
            case BORDERLINE -> 3 + random.nextInt(5);
            case TRANSACTIONAL -> 1 + random.nextInt(2);
        };
        ArrayNode buyingCenter = profile.putArray("buyingCenter");
        for (int i = 1; i <= contacts; i++) {
            ObjectNode contact = buyingCenter.addObject().put("contactId", crmId + "-C" + i)
                    .put("name", pick(random, FIRST_NAMES) + " " + pick(random, LAST_NAMES)).put("title", pick(random, TITLES));
            ArrayNode roles = contact.putArray("roles");
            roles.add(i <= ROLES.size() && segment != Segment.TRANSACTIONAL ? ROLES.get(i - 1) : pick(random, ROLES));
            if (!unitNames.isEmpty() && random.nextBoolean()) {
                contact.put("operatingUnit", pick(random, unitNames));
            }
        }

        String intent = switch (segment) {
            case GLOBAL_STRATEGIC, NATIONAL_GERMAN -> random.nextInt(4) == 0 ? "LONG_TERM_PARTNERSHIP" : "STRATEGIC_ALLIANCE";
            case LARGE_REGIONAL -> random.nextInt(3) == 0 ? "STRATEGIC_ALLIANCE" : "LONG_TERM_PARTNERSHIP";
            case BORDERLINE -> pick(random, List.of("EXPLORING", "LONG_TERM_PARTNERSHIP", "LONG_TERM_PARTNERSHIP", "NONE"));
            case TRANSACTIONAL -> random.nextInt(5) == 0 ? "EXPLORING" : "NONE";
        };
        // supplier status is the programme's outcome, not what qualifies a customer: key accounts to be are at every stage
        String status = switch (segment) {
            case GLOBAL_STRATEGIC, NATIONAL_GERMAN -> pick(random, List.of("STRATEGIC", "PREFERRED", "APPROVED"));
            case LARGE_REGIONAL -> pick(random, List.of("PREFERRED", "APPROVED", "APPROVED", "NONE"));
            case BORDERLINE -> pick(random, List.of("APPROVED", "PREFERRED", "APPROVED"));
            case TRANSACTIONAL -> pick(random, List.of("NONE", "APPROVED", "APPROVED"));
        };
        int years = switch (segment) {
            case GLOBAL_STRATEGIC, NATIONAL_GERMAN -> 8 + random.nextInt(15);
            case LARGE_REGIONAL -> 4 + random.nextInt(12);
            case BORDERLINE -> 1 + random.nextInt(8);
            case TRANSACTIONAL -> random.nextInt(6);
        };
        // CRM data has gaps: some transactional buyers and a few large regional ones have no stated intent
        boolean intentKnown = switch (segment) {
            case TRANSACTIONAL -> random.nextInt(4) > 0;
            case LARGE_REGIONAL -> random.nextInt(6) > 0;
            default -> true;
        };
        if (intentKnown) {
            profile.put("partnershipIntent", intent);
        }
        profile.put("supplierStatus", status);
        profile.put("relationshipSince", LocalDate.of(2025 - years, 1 + random.nextInt(12), 1).toString()); // fixed, not relative to today: the same seed, the same portfolio
        return profile;
    }

    /** {@code count} sites in German states of {@code territories} of the four German territories, each of them used. */
    private static List<String[]> germanSites(Random random, int territories, int count) {
        List<String> chosen = sample(random, GERMAN_TERRITORIES, territories);
        List<String[]> sites = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String territory = i < chosen.size() ? chosen.get(i) : pick(random, chosen);
            sites.add(new String[]{"DE", pick(random, GERMAN_STATES.get(territory))});
        }
        return sites;
    }

    /** Sites in the customer's world areas: the headquarters first, a site in every area it buys in, then more. */
    private static List<String[]> sites(Random random, Segment segment, String headquarters, List<String> areas) {
        int countries = switch (segment) {
            case GLOBAL_STRATEGIC -> 6 + random.nextInt(6);
            case LARGE_REGIONAL -> 1 + random.nextInt(3);
            case BORDERLINE -> 1 + random.nextInt(2);
            default -> 1;
        };
        Set<String> placed = new LinkedHashSet<>();
        placed.add(headquarters);
        for (String area : areas.subList(1, areas.size())) {
            placed.add(pick(random, COUNTRIES_BY_AREA.get(area)));
        }
        while (placed.size() < countries) {
            placed.add(pick(random, COUNTRIES_BY_AREA.get(pick(random, areas))));
        }
        List<String[]> sites = new ArrayList<>();
        for (String country : placed) {
            // a German site names its state; a large German buyer has a second plant in a neighbouring state
            sites.add(new String[]{country, country.equals("DE") ? pick(random, GERMAN_STATES.get(pick(random, GERMAN_TERRITORIES))) : null});
        }
        if (segment == Segment.LARGE_REGIONAL && headquarters.equals("DE")) {
            sites.add(new String[]{"DE", pick(random, GERMAN_STATES.get(pick(random, GERMAN_TERRITORIES)))});
        }
        return sites;
    }

    private static String uniqueName(Random random, String country, String industry, Set<String> taken) {
        while (true) {
            String candidate = pick(random, NAME_STEMS) + " " + capitalised(industry.split(" ")[0]) + " " + pick(random, NAME_WORDS)
                    + " " + LEGAL_FORMS.getOrDefault(country, "Ltd");
            if (taken.add(candidate)) {
                return candidate;
            }
            candidate = pick(random, NAME_STEMS) + pick(random, NAME_STEMS).toLowerCase() + " " + pick(random, NAME_WORDS)
                    + " " + LEGAL_FORMS.getOrDefault(country, "Ltd");
            if (taken.add(candidate)) {
                return candidate;
            }
        }
    }

    // --- staff ---------------------------------------------------------------------------------------

    /**
     * 148 people in a matrix sales force: field reps in every sales territory reporting to their regional sales
     * manager (four for Germany, four for the rest of the world), key account managers under the head of key accounts
     * who coordinate reps across territories, executives, and the service, logistics, finance, technical and marketing
     * people a cross-functional team draws on, each under the head of their function.
     */
    private static List<StaffMember> staff(Random random) {
        List<StaffMember> staff = new ArrayList<>();
        for (int e = 1; e <= 10; e++) {
            staff.add(person(random, String.format("EXE-%02d", e), "EXECUTIVE", List.of("DE-SOUTH"), List.of(), 8, e == 1 ? null : "EXE-01"));
        }
        staff.add(person(random, "SM-KEY-ACCOUNTS", "SALES_MANAGER", List.of("DE-SOUTH"), List.of(), 10, "EXE-01"));
        Map<String, List<String>> territoriesByManager = new java.util.TreeMap<>(TERRITORIES_BY_MANAGER);
        GERMAN_TERRITORIES.forEach(territory -> territoriesByManager.put("SM-" + territory, List.of(territory)));
        territoriesByManager.forEach((manager, territories) -> staff.add(person(random, manager, "SALES_MANAGER", territories, List.of(), 10, "EXE-02")));
        int rep = 0;
        for (Map.Entry<String, List<String>> manager : territoriesByManager.entrySet()) {
            for (String territory : manager.getValue()) {
                int reps = territory.startsWith("DE-") ? 4 : 2;
                for (int i = 1; i <= reps; i++) {
                    rep++;
                    List<String> industries = List.of(INDUSTRIES.get(rep % INDUSTRIES.size()), INDUSTRIES.get((rep + 5) % INDUSTRIES.size()));
                    staff.add(person(random, "FS-" + territory + "-" + i, "FIELD_SALES", List.of(territory), industries, 12, manager.getKey()));
                }
            }
        }
        // Fewer key account managers than a full programme needs: the demo shows who gets staffed first and what is missing.
        List<String> abroad = List.of("SM-EUROPE", "SM-AMERICAS", "SM-APAC");
        for (int k = 1; k <= KEY_ACCOUNT_MANAGERS; k++) {
            List<String> industries = List.of(INDUSTRIES.get((k - 1) % INDUSTRIES.size()), INDUSTRIES.get((k + 4) % INDUSTRIES.size()));
            List<String> territories = new ArrayList<>(GERMAN_TERRITORIES); // Germany, and one market abroad
            territories.addAll(TERRITORIES_BY_MANAGER.get(abroad.get((k - 1) % abroad.size())));
            staff.add(person(random, String.format("KAM-%02d", k), "KEY_ACCOUNT_MANAGER", territories, industries, 4, "SM-KEY-ACCOUNTS"));
        }
        Map<String, Integer> functions = Map.of("SERVICE", 16, "LOGISTICS", 10, "FINANCE", 8, "TECHNICAL", 14, "MARKETING", 9);
        for (String function : List.of("SERVICE", "LOGISTICS", "FINANCE", "TECHNICAL", "MARKETING")) {
            String head = function.substring(0, 3) + "-01";
            for (int i = 1; i <= functions.get(function); i++) {
                staff.add(person(random, function.substring(0, 3) + "-" + String.format("%02d", i), function, List.of("DE-SOUTH"), List.of(),
                        12, i == 1 ? "EXE-03" : head));
            }
        }
        return List.copyOf(staff);
    }

    private static StaffMember person(Random random, String employeeId, String function, List<String> regions, List<String> industries,
                                      int capacity, String managerId) {
        String first = pick(random, FIRST_NAMES);
        String last = pick(random, LAST_NAMES);
        ObjectNode line = JSON.createObjectNode().put("employeeId", employeeId).put("name", first + " " + last)
                .put("email", (first + "." + last).toLowerCase().replace("ü", "ue") + "." + employeeId.toLowerCase() + "@supplier.example")
                .put("function", function).put("capacity", capacity);
        regions.forEach(line.putArray("regions")::add);
        industries.forEach(line.putArray("industries")::add);
        if (managerId != null) {
            line.put("managerId", managerId);
        }
        return new StaffMember(employeeId, line);
    }

    // --- helpers -------------------------------------------------------------------------------------

    private static String currency(String country) {
        return switch (country) {
            case "US" -> "USD";
            case "GB" -> "GBP";
            case "JP" -> "JPY";
            case "CH" -> "CHF";
            default -> "EUR";
        };
    }

    /** Rough units of the currency per EUR, so amounts look like what a CRM in that country holds. */
    private static double rate(String currency) {
        return switch (currency) {
            case "USD" -> 1.08;
            case "GBP" -> 0.86;
            case "JPY" -> 160;
            case "CHF" -> 0.95;
            default -> 1.0;
        };
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static <T> List<T> sample(Random random, List<T> values, int count) {
        List<T> pool = new ArrayList<>(values);
        List<T> chosen = new ArrayList<>();
        for (int i = 0; i < Math.min(count, values.size()); i++) {
            chosen.add(pool.remove(random.nextInt(pool.size())));
        }
        return chosen;
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
