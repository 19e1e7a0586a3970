package dev.kam.customer.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerProfileTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    static CustomerProfile nordwerk() {
        return new CustomerProfile(List.of(new ExternalRef("salesforce", "0015g00000XyZ")), "Nordwerk Industrie AG",
                "automotive", "DE", new Money(new BigDecimal("4200000"), "EUR"), new Money(new BigDecimal("900000"), "EUR"),
                List.of(new OperatingUnit("Powertrain", "DE")), List.of(new Location("DE", "EMEA", "Stuttgart")),
                List.of(FunctionalArea.QUALITY, FunctionalArea.PROCUREMENT),
                List.of("price", "delivery reliability"),
                List.of(new BuyingCenterContact("c-17", "Jana Keller", "Head of Purchasing",
                        List.of(BuyingCenterRole.DECIDER, BuyingCenterRole.BUYER), "Powertrain")),
                PartnershipIntent.LONG_TERM_PARTNERSHIP, SupplierStatus.APPROVED, LocalDate.parse("2019-03-01"));
    }

    static CustomerProfile withPotential(CustomerProfile p, String amount) {
        return new CustomerProfile(p.externalRefs(), p.legalName(), p.industry(), p.headquartersCountry(),
                new Money(new BigDecimal(amount), "EUR"), p.currentAnnualRevenue(), p.operatingUnits(), p.locations(),
                p.functionalAreas(), p.selectionCriteria(), p.buyingCenter(), p.partnershipIntent(), p.supplierStatus(),
                p.relationshipSince());
    }

    @Test
    void theSameContentInAnotherOrderOrScaleIsNoChange() {
        CustomerProfile reordered = new CustomerProfile(nordwerk().externalRefs(), "Nordwerk Industrie AG", "automotive", "DE",
                new Money(new BigDecimal("4200000.00"), "EUR"), new Money(new BigDecimal("900000"), "EUR"),
                nordwerk().operatingUnits(), nordwerk().locations(),
                List.of(FunctionalArea.PROCUREMENT, FunctionalArea.QUALITY, FunctionalArea.QUALITY),
                nordwerk().selectionCriteria(),
                List.of(new BuyingCenterContact("c-17", "Jana Keller", "Head of Purchasing",
                        List.of(BuyingCenterRole.BUYER, BuyingCenterRole.DECIDER), "Powertrain")),
                PartnershipIntent.LONG_TERM_PARTNERSHIP, SupplierStatus.APPROVED, LocalDate.parse("2019-03-01"));
        assertThat(reordered.changedFieldsSince(nordwerk())).isEmpty();
    }

    @Test
    void namesExactlyTheFieldsThatChangedInContractOrder() {
        CustomerProfile before = nordwerk();
        CustomerProfile after = new CustomerProfile(before.externalRefs(), before.legalName(), "machinery", before.headquartersCountry(),
                new Money(new BigDecimal("5000000"), "EUR"), before.currentAnnualRevenue(), before.operatingUnits(),
                before.locations(), before.functionalAreas(), before.selectionCriteria(), before.buyingCenter(),
                PartnershipIntent.STRATEGIC_ALLIANCE, before.supplierStatus(), before.relationshipSince());
        assertThat(after.changedFieldsSince(before)).containsExactly("industry", "annualPurchasePotential", "partnershipIntent");
    }

    @Test
    void rulesAcrossFieldsAreReportedWithTheirPaths() {
        CustomerProfile broken = new CustomerProfile(
                List.of(new ExternalRef("salesforce", "A"), new ExternalRef("salesforce", "B")), "X", null, null, null, null,
                List.of(new OperatingUnit("Powertrain", "DE"), new OperatingUnit("Powertrain", "FR")), List.of(), List.of(), List.of(),
                List.of(new BuyingCenterContact("c-1", null, null, List.of(BuyingCenterRole.USER), "Chassis"),
                        new BuyingCenterContact("c-1", null, null, List.of(BuyingCenterRole.BUYER), null)),
                null, null, null);
        assertThat(broken.violations()).extracting(ProfileViolation::field).containsExactly(
                "externalRefs[1].system", "operatingUnits[1].name", "buyingCenter[0].operatingUnit", "buyingCenter[1].contactId");
        assertThatThrownBy(broken::requireValid).isInstanceOf(InvalidProfileException.class);
    }

    @Test
    void aCustomerNumbersItsStatesAndEvents() {
        Customer customer = Customer.register(nordwerk(), NOW);
        assertThat(customer.version()).isEqualTo(1);
        assertThat(customer.eventSequence()).isEqualTo(1);

        assertThat(customer.replaceProfile(nordwerk(), NOW)).isEmpty();
        assertThat(customer.version()).isEqualTo(1);

        Optional<List<String>> changed = customer.replaceProfile(withPotential(nordwerk(), "5000000"), NOW.plusSeconds(1));
        assertThat(changed).contains(List.of("annualPurchasePotential"));
        assertThat(customer.version()).isEqualTo(2);
        assertThat(customer.eventSequence()).isEqualTo(2);
        assertThat(customer.updatedAt()).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void anArchivedCustomerIsArchivedOnceAndRefusesChanges() {
        Customer customer = Customer.register(nordwerk(), NOW);
        assertThat(customer.archive(NOW)).isTrue();
        assertThat(customer.archive(NOW)).isFalse();
        assertThat(customer.eventSequence()).isEqualTo(2);
        assertThatThrownBy(() -> customer.replaceProfile(withPotential(nordwerk(), "1"), NOW))
                .isInstanceOf(CustomerArchivedException.class);
    }

    @Test
    void aVersionConditionIsMetOnlyByTheVersionsItNames() {
        Customer customer = Customer.register(nordwerk(), NOW);
        customer.requireVersion(null);
        customer.requireVersion(VersionCondition.oneOf(Set.of(1L), "\"1\""));
        customer.requireVersion(VersionCondition.oneOf(Set.of(0L, 1L), "\"0\", \"1\""));
        customer.requireVersion(VersionCondition.anyVersion("*"));
        assertThatThrownBy(() -> customer.requireVersion(VersionCondition.oneOf(Set.of(0L), "\"0\"")))
                .isInstanceOf(PreconditionFailedException.class).hasMessageContaining("version 1").hasMessageContaining("\"0\"");
        assertThatThrownBy(() -> customer.requireVersion(VersionCondition.oneOf(Set.of(), "\"some-other-tag\"")))
                .isInstanceOf(PreconditionFailedException.class).hasMessageContaining("some-other-tag");
    }
}
