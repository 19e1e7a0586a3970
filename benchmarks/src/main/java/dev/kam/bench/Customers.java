package dev.kam.bench;

import java.util.Random;

/** Customer profiles as a CRM sends them: a realistic mix, reproducible from a seed. */
final class Customers {

    private static final String[] INDUSTRIES = {"automotive", "chemicals", "machinery", "electronics", "food", "pharma", "logistics", "retail"};
    private static final String[][] PLACES = {{"DE", "Bayern"}, {"FR", "Île-de-France"}, {"PL", "Silesia"}, {"US", "Ohio"}, {"BR", "São Paulo"},
            {"CN", "Shanghai"}, {"JP", "Aichi"}, {"IN", "Maharashtra"}};

    /** A profile for {@code ref}; about one in five is a large multi-region buyer. */
    static String profile(String ref, Random random) {
        boolean large = random.nextInt(5) == 0;
        int places = large ? 3 + random.nextInt(5) : 1;
        StringBuilder locations = new StringBuilder();
        for (int i = 0; i < places; i++) {
            String[] place = PLACES[(i + random.nextInt(PLACES.length)) % PLACES.length];
            locations.append(i == 0 ? "" : ", ").append("{\"country\": \"").append(place[0]).append("\", \"region\": \"").append(place[1]).append("\"}");
        }
        long potential = large ? 5_000_000L + random.nextInt(40_000_000) : 20_000L + random.nextInt(900_000);
        return """
                {"externalRefs": [{"system": "salesforce", "id": "%s"}], "legalName": "Bench Customer %s", "industry": "%s",
                 "headquartersCountry": "DE", "annualPurchasePotential": {"amount": %d, "currency": "EUR"},
                 "locations": [%s], "functionalAreas": ["PROCUREMENT", "QUALITY"%s],
                 "selectionCriteria": ["price", "quality"%s],
                 "buyingCenter": [{"contactId": "c-1", "roles": ["BUYER"]}, {"contactId": "c-2", "roles": ["DECIDER"]}%s],
                 "partnershipIntent": "%s", "supplierStatus": "%s", "relationshipSince": "2015-06-01"}"""
                .formatted(ref, ref, INDUSTRIES[random.nextInt(INDUSTRIES.length)], potential, locations,
                        large ? ", \"ENGINEERING\", \"OPERATIONS\", \"EXECUTIVE\"" : "",
                        large ? ", \"delivery\", \"support\", \"innovation\"" : "",
                        large ? ", {\"contactId\": \"c-3\", \"roles\": [\"INFLUENCER\"]}, {\"contactId\": \"c-4\", \"roles\": [\"USER\"]}" : "",
                        large ? "LONG_TERM_PARTNERSHIP" : "NONE", large ? "PREFERRED" : "APPROVED")
                .replace("\n", " ");
    }

    /** A large multi-region buyer that becomes a national account. */
    static String strategic(String ref) {
        return """
                {"externalRefs": [{"system": "salesforce", "id": "%s"}], "legalName": "Strategic %s", "industry": "automotive",
                 "headquartersCountry": "DE", "annualPurchasePotential": {"amount": 30000000, "currency": "EUR"},
                 "locations": [{"country": "DE", "region": "Bayern"}, {"country": "US", "region": "Ohio"}, {"country": "CN", "region": "Shanghai"}],
                 "functionalAreas": ["PROCUREMENT", "ENGINEERING", "QUALITY", "OPERATIONS"],
                 "selectionCriteria": ["price", "quality", "delivery", "support", "innovation"],
                 "buyingCenter": [{"contactId": "c-1", "roles": ["BUYER"]}, {"contactId": "c-2", "roles": ["DECIDER"]},
                                  {"contactId": "c-3", "roles": ["INFLUENCER"]}, {"contactId": "c-4", "roles": ["USER"]}],
                 "partnershipIntent": "STRATEGIC_ALLIANCE", "supplierStatus": "PREFERRED", "relationshipSince": "2012-01-01"}"""
                .formatted(ref, ref).replace("\n", " ");
    }

    private Customers() {
    }
}
