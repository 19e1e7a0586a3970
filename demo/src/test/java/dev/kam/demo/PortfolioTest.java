package dev.kam.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PortfolioTest {

    @Test
    void theSameSeedGivesTheSamePortfolioAndAnotherSeedAnotherOne() {
        assertThat(lines(Portfolio.generate(42))).isEqualTo(lines(Portfolio.generate(42)));
        assertThat(lines(Portfolio.generate(43))).isNotEqualTo(lines(Portfolio.generate(42)));
    }

    @Test
    void aboutTwoThousandCustomersAndOneHundredFiftyStaffWithDistinctIdsAndNames() {
        Portfolio portfolio = Portfolio.generate(42);
        assertThat(portfolio.customers()).hasSizeBetween(1900, 2100);
        assertThat(portfolio.staff()).hasSizeBetween(140, 160);
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        portfolio.customers().forEach(customer -> {
            ids.add(customer.crmId());
            names.add(customer.profile().path("legalName").asText());
        });
        assertThat(ids).hasSameSizeAs(portfolio.customers());
        assertThat(names).hasSameSizeAs(portfolio.customers());
        assertThat(portfolio.staff()).extracting(Portfolio.StaffMember::employeeId).doesNotHaveDuplicates();
    }

    @Test
    void theMixHasGlobalBuyersGermanNationalBuyersManySingleSiteBuyersAndBorderlineCasesAcrossIndustriesAndCountries() {
        Portfolio portfolio = Portfolio.generate(42);
        List<Portfolio.Customer> strategic = segment(portfolio, Portfolio.Segment.GLOBAL_STRATEGIC);
        List<Portfolio.Customer> transactional = segment(portfolio, Portfolio.Segment.TRANSACTIONAL);
        assertThat(segment(portfolio, Portfolio.Segment.NATIONAL_GERMAN)).hasSizeBetween(5, 20).allSatisfy(customer -> {
            assertThat(customer.profile().path("locations").size()).isGreaterThanOrEqualTo(8);
            assertThat(countries(customer.profile())).containsExactly("DE");
            assertThat(germanTerritories(customer.profile())).as("dispersed within Germany").hasSizeGreaterThanOrEqualTo(3);
        });
        assertThat(strategic).hasSizeBetween(5, 40).allSatisfy(customer -> {
            assertThat(countries(customer.profile())).hasSizeGreaterThanOrEqualTo(6).containsAnyOf("US", "CA", "MX", "BR", "AR", "CL", "CO").containsAnyOf("CN", "JP", "KR", "IN", "SG", "AU", "TH", "VN", "ID", "MY");
            assertThat(customer.profile().path("buyingCenter").size()).isGreaterThanOrEqualTo(10);
            assertThat(customer.profile().path("partnershipIntent").asText()).isIn("STRATEGIC_ALLIANCE", "LONG_TERM_PARTNERSHIP");
        });
        assertThat(transactional.size()).isGreaterThan(portfolio.customers().size() * 3 / 4);
        assertThat(transactional).allSatisfy(customer -> assertThat(customer.profile().path("locations").size()).isEqualTo(1));
        assertThat(transactional).anySatisfy(customer -> assertThat(customer.profile().has("annualPurchasePotential")).isFalse());
        assertThat(segment(portfolio, Portfolio.Segment.BORDERLINE)).hasSizeGreaterThan(50);

        Set<String> industries = new HashSet<>();
        Set<String> countries = new HashSet<>();
        portfolio.customers().forEach(customer -> {
            industries.add(customer.profile().path("industry").asText());
            customer.profile().path("locations").forEach(location -> countries.add(location.path("country").asText()));
        });
        assertThat(industries).hasSizeGreaterThanOrEqualTo(10);
        assertThat(countries).hasSizeGreaterThanOrEqualTo(30);
    }

    @Test
    void aMatrixSalesForceRepsInEveryTerritoryUnderTheirRegionalSalesManagerAndSpecialistsUnderTheirFunctionsHead() {
        List<JsonNode> staff = Portfolio.generate(42).staff().stream().<JsonNode>map(Portfolio.StaffMember::line).toList();
        java.util.Map<String, JsonNode> byId = new java.util.HashMap<>();
        staff.forEach(person -> byId.put(person.path("employeeId").asText(), person));
        List<String> territories = new java.util.ArrayList<>(Portfolio.GERMAN_TERRITORIES);
        Portfolio.TERRITORIES_BY_MANAGER.values().forEach(territories::addAll);
        assertThat(territories).hasSize(22);
        for (String territory : territories) {
            List<JsonNode> reps = staff.stream().filter(p -> p.path("function").asText().equals("FIELD_SALES")
                    && p.path("regions").toString().contains("\"" + territory + "\"")).toList();
            assertThat(reps).as("reps of " + territory).hasSizeGreaterThanOrEqualTo(2).allSatisfy(rep -> {
                JsonNode manager = byId.get(rep.path("managerId").asText());
                assertThat(manager.path("function").asText()).isEqualTo("SALES_MANAGER");
                assertThat(manager.path("regions").toString()).contains("\"" + territory + "\"");
            });
        }
        assertThat(staff).filteredOn(p -> p.path("function").asText().equals("KEY_ACCOUNT_MANAGER")).hasSizeGreaterThanOrEqualTo(20)
                .allSatisfy(kam -> assertThat(kam.path("regions").size()).isLessThanOrEqualTo(20));
        assertThat(staff).filteredOn(p -> List.of("TECHNICAL", "LOGISTICS", "SERVICE", "FINANCE", "MARKETING").contains(p.path("function").asText()))
                .allSatisfy(person -> assertThat(byId.get(person.path("managerId").asText()).path("function").asText())
                        .isIn(person.path("function").asText(), "EXECUTIVE"));
    }

    private static List<String> lines(Portfolio portfolio) {
        List<String> lines = new java.util.ArrayList<>();
        portfolio.customers().forEach(customer -> lines.add(customer.profile().toString()));
        portfolio.staff().forEach(person -> lines.add(person.line().toString()));
        return lines;
    }

    private static List<Portfolio.Customer> segment(Portfolio portfolio, Portfolio.Segment segment) {
        return portfolio.customers().stream().filter(customer -> customer.segment() == segment).toList();
    }

    private static Set<String> countries(JsonNode profile) {
        Set<String> countries = new java.util.TreeSet<>();
        profile.path("locations").forEach(location -> countries.add(location.path("country").asText()));
        return countries;
    }

    private static Set<String> germanTerritories(JsonNode profile) {
        Set<String> territories = new HashSet<>();
        profile.path("locations").forEach(location -> Portfolio.GERMAN_STATES.forEach((territory, states) -> {
            if (states.contains(location.path("region").asText())) {
                territories.add(territory);
            }
        }));
        return territories;
    }
}
