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
    void theMixHasLargeMultiRegionBuyersManySingleSiteBuyersAndBorderlineCasesAcrossIndustriesAndCountries() {
        Portfolio portfolio = Portfolio.generate(42);
        List<Portfolio.Customer> strategic = segment(portfolio, Portfolio.Segment.GLOBAL_STRATEGIC);
        List<Portfolio.Customer> transactional = segment(portfolio, Portfolio.Segment.TRANSACTIONAL);
        assertThat(strategic).hasSizeBetween(5, 40).allSatisfy(customer -> {
            assertThat(regions(customer.profile())).hasSize(3);
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
    void everyKeyAccountManagerHasAFieldRepPerRegionReportingToThem() {
        List<JsonNode> staff = Portfolio.generate(42).staff().stream().<JsonNode>map(Portfolio.StaffMember::line).toList();
        List<JsonNode> managers = staff.stream().filter(p -> p.path("function").asText().equals("KEY_ACCOUNT_MANAGER")).toList();
        assertThat(managers).hasSizeGreaterThanOrEqualTo(20);
        for (JsonNode manager : managers) {
            Set<String> covered = new HashSet<>();
            staff.stream().filter(p -> p.path("function").asText().equals("FIELD_SALES")
                            && p.path("managerId").asText().equals(manager.path("employeeId").asText()))
                    .forEach(rep -> rep.path("regions").forEach(region -> covered.add(region.asText())));
            assertThat(covered).as("regions of the reps of " + manager.path("employeeId").asText())
                    .containsExactlyInAnyOrder("EMEA", "AMERICAS", "APAC");
        }
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

    private static Set<String> regions(JsonNode profile) {
        Set<String> regions = new HashSet<>();
        profile.path("locations").forEach(location -> regions.add(location.path("region").asText()));
        return regions;
    }
}
