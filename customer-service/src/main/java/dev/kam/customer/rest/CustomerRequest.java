package dev.kam.customer.rest;

import dev.kam.foundation.rest.ExternalRefRules;
import dev.kam.customer.domain.BuyingCenterContact;
import dev.kam.customer.domain.BuyingCenterRole;
import dev.kam.customer.domain.CustomerProfile;
import dev.kam.customer.domain.ExternalRef;
import dev.kam.customer.domain.FunctionalArea;
import dev.kam.customer.domain.Location;
import dev.kam.customer.domain.Money;
import dev.kam.customer.domain.OperatingUnit;
import dev.kam.customer.domain.PartnershipIntent;
import dev.kam.customer.domain.SupplierStatus;
import dev.kam.foundation.rest.Identifier;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A customer as a CRM sends it (create, replace, upsert, one NDJSON line). Only {@code legalName} is required:
 * what is missing is reported as missing by scoring, never guessed. Server-managed fields of a customer read
 * before ({@code id}, {@code version}, timestamps, {@code archived}) may be sent back and are ignored.
 */
@Schema(name = "CustomerRequest", description = "A customer profile as a CRM describes it")
public record CustomerRequest(
        @Schema(description = "The CRMs' own ids; one per system, each identifying one customer only")
        @Size(max = CustomerProfile.MAX_EXTERNAL_REFS) List<@Valid @NotNull ExternalRefRequest> externalRefs,
        @Schema(example = "Nordwerk Industrie AG") @NotBlank @Size(max = 300) String legalName,
        @Schema(example = "automotive") @Size(max = 100) String industry,
        @Schema(example = "DE") @CountryCode String headquartersCountry,
        @Schema(description = "What the customer could buy from us per year") @Valid MoneyRequest annualPurchasePotential,
        @Schema(description = "What the customer buys from us per year now") @Valid MoneyRequest currentAnnualRevenue,
        @Size(max = 200) List<@Valid @NotNull OperatingUnitRequest> operatingUnits,
        @Size(max = 500) List<@Valid @NotNull LocationRequest> locations,
        @Size(max = 9) List<@NotNull FunctionalArea> functionalAreas,
        @Schema(example = "[\"price\", \"delivery reliability\", \"technical support\"]")
        @Size(max = 50) List<@NotBlank @Size(max = 200) String> selectionCriteria,
        @Size(max = 500) List<@Valid @NotNull ContactRequest> buyingCenter,
        PartnershipIntent partnershipIntent,
        SupplierStatus supplierStatus,
        @Schema(example = "2019-03-01") @PastOrPresent LocalDate relationshipSince) {

    public record ExternalRefRequest(
            @Schema(example = "salesforce") @NotBlank @Size(max = ExternalRefRules.SYSTEM_MAX_LENGTH)
            @Pattern(regexp = ExternalRefRules.SYSTEM_PATTERN, message = ExternalRefRules.SYSTEM_MESSAGE) String system,
            @Schema(example = "0015g00000XyZ") @NotBlank @Size(max = ExternalRefRules.ID_MAX_LENGTH) @Identifier String id) {
    }

    public record MoneyRequest(
            @Schema(example = "4200000", description = "positive, less than 10^15, at most 4 decimals",
                    exclusiveMaximum = true, maximum = "1000000000000000") @NotNull @Amount BigDecimal amount,
            @Schema(example = "EUR") @NotNull @CurrencyCode String currency) {
    }

    public record OperatingUnitRequest(
            @Schema(example = "Powertrain") @NotBlank @Size(max = 200) String name,
            @Schema(example = "DE") @CountryCode String country) {
    }

    public record LocationRequest(
            @Schema(example = "DE") @NotNull @CountryCode String country,
            @Schema(example = "Baden-Württemberg", description = "the state, province or sales region of the site; scoring reads it with the country through the supplier's sales territories") @Size(max = 100) String region,
            @Schema(example = "Stuttgart") @Size(max = 200) String city) {
    }

    public record ContactRequest(
            @Schema(example = "c-17") @NotBlank @Size(max = 100) @Identifier String contactId,
            @Size(max = 200) String name,
            @Schema(example = "Head of Purchasing") @Size(max = 200) String title,
            @Schema(example = "[\"DECIDER\", \"BUYER\"]") @NotEmpty @Size(max = 7) List<@NotNull BuyingCenterRole> roles,
            @Schema(example = "Powertrain") @Size(max = 200) String operatingUnit) {
    }

    /** The domain profile; rules that span fields are checked by the domain. */
    public CustomerProfile toProfile() {
        return new CustomerProfile(
                map(externalRefs, ref -> new ExternalRef(ref.system(), ref.id())),
                legalName.strip(), industry, headquartersCountry,
                money(annualPurchasePotential), money(currentAnnualRevenue),
                map(operatingUnits, unit -> new OperatingUnit(unit.name(), unit.country())),
                map(locations, location -> new Location(location.country(), location.region(), location.city())),
                functionalAreas,
                selectionCriteria,
                map(buyingCenter, contact -> new BuyingCenterContact(contact.contactId(), contact.name(), contact.title(),
                        contact.roles(), contact.operatingUnit())),
                partnershipIntent, supplierStatus, relationshipSince);
    }

    private static Money money(MoneyRequest money) {
        return money == null ? null : new Money(money.amount(), money.currency());
    }

    private static <T, R> List<R> map(List<T> list, java.util.function.Function<T, R> mapper) {
        return list == null ? null : list.stream().map(mapper).toList();
    }
}
