package dev.kam.customer.domain;

import dev.kam.customer.repository.CustomerProfileConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Generated;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A buying organisation as KAM knows it: its profile, whether it is archived, and two counters. {@code version}
 * counts the states the customer has been in (the ETag); {@code eventSequence} numbers its events, so a
 * consumer can tell order and gaps per customer. Every change that matters publishes exactly one event.
 */
@Entity
@Table(name = "customer")
public class Customer {

    @Id
    private UUID id;

    /** Insertion order, immutable: the key of stable pagination. */
    @Generated
    @Column(name = "list_position", insertable = false, updatable = false)
    private Long listPosition;

    @Convert(converter = CustomerProfileConverter.class)
    @ColumnTransformer(write = "?::jsonb")
    @Column(name = "profile", nullable = false, columnDefinition = "jsonb")
    private CustomerProfile profile;

    // Copies of profile fields, for filtering and sorting in SQL.
    @Column(name = "legal_name", nullable = false)
    private String legalName;
    @Column(name = "industry")
    private String industry;
    @Column(name = "headquarters_country")
    private String headquartersCountry;

    @Column(nullable = false)
    private boolean archived;
    @Column(nullable = false)
    private long version;
    @Column(name = "event_sequence", nullable = false)
    private long eventSequence;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Customer() {
    }

    /** A new customer with its first event: registration is sequence 1. */
    public static Customer register(CustomerProfile profile, Instant now) {
        Customer customer = new Customer();
        customer.id = UUID.randomUUID();
        customer.apply(profile.requireValid());
        customer.version = 1;
        customer.eventSequence = 1;
        customer.createdAt = now;
        customer.updatedAt = now;
        return customer;
    }

    /**
     * Replaces the profile. Nothing happens when nothing changes, so an unchanged sync publishes nothing.
     *
     * @return the fields that changed, in contract order, or empty when none did
     * @throws CustomerArchivedException when the customer is archived
     */
    public Optional<List<String>> replaceProfile(CustomerProfile replacement, Instant now) {
        requireActive();
        List<String> changed = replacement.requireValid().changedFieldsSince(profile);
        if (changed.isEmpty()) {
            return Optional.empty();
        }
        apply(replacement);
        nextState(now);
        return Optional.of(changed);
    }

    /** Archives the customer: kept, flagged, announced once. @return false when it was archived already */
    public boolean archive(Instant now) {
        if (archived) {
            return false;
        }
        archived = true;
        nextState(now);
        return true;
    }

    /** @throws PreconditionFailedException when a {@code condition} (from If-Match) is given and the current version does not meet it */
    public void requireVersion(VersionCondition condition) {
        if (condition != null && !condition.isMetBy(version)) {
            throw new PreconditionFailedException(id, condition, version);
        }
    }

    /** @throws CustomerArchivedException when the customer is archived: no change of it is taken, however it is asked for */
    public void requireActive() {
        if (archived) {
            throw new CustomerArchivedException(id);
        }
    }

    private void nextState(Instant now) {
        version++;
        eventSequence++;
        updatedAt = now;
    }

    private void apply(CustomerProfile replacement) {
        profile = replacement;
        legalName = replacement.legalName();
        industry = replacement.industry();
        headquartersCountry = replacement.headquartersCountry();
    }

    public UUID id() {
        return id;
    }

    public Long listPosition() {
        return listPosition;
    }

    public CustomerProfile profile() {
        return profile;
    }

    public boolean archived() {
        return archived;
    }

    public long version() {
        return version;
    }

    public long eventSequence() {
        return eventSequence;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
