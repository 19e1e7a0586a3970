package dev.kam.customer.service;

import dev.kam.contracts.EventType;
import dev.kam.customer.domain.Customer;
import dev.kam.customer.domain.CustomerEvents;
import dev.kam.customer.domain.CustomerArchivedException;
import dev.kam.customer.domain.CustomerNotFoundException;
import dev.kam.customer.domain.CustomerProfile;
import dev.kam.customer.domain.CustomerSnapshot;
import dev.kam.customer.domain.ExternalRef;
import dev.kam.customer.domain.ExternalRefConflictException;
import dev.kam.customer.repository.CustomerRepository;
import dev.kam.customer.domain.InvalidProfileException;
import dev.kam.customer.domain.PreconditionFailedException;
import dev.kam.customer.domain.ProfileViolation;
import dev.kam.customer.domain.VersionCondition;
import dev.kam.foundation.idempotency.IdempotencyKey;
import dev.kam.foundation.idempotency.IdempotencyStore;
import dev.kam.foundation.idempotency.StoredResponse;
import dev.kam.foundation.outbox.OutboxWriter;
import dev.kam.foundation.persistence.StoredJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The use cases on customer profiles. Each runs in one transaction that changes the customer and records its
 * event in the outbox, or does neither.
 */
@ApplicationScoped
public class CustomerService {

    /** How an upsert ended. */
    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    public record Result(Outcome outcome, CustomerSnapshot customer) {
    }

    /** A page in list order, and where it ended. */
    public record Page(List<CustomerSnapshot> items, long lastPosition) {
    }

    private final CustomerRepository customers;
    private final OutboxWriter outbox;
    private final IdempotencyStore idempotency;
    private final Clock clock;

    CustomerService(CustomerRepository customers, OutboxWriter outbox, IdempotencyStore idempotency, Clock clock) {
        this.customers = customers;
        this.outbox = outbox;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    @Transactional
    public CustomerSnapshot register(CustomerProfile profile) {
        return create(profile, customers.lockExternalRefs(profile.externalRefs()));
    }

    /**
     * Registers once per idempotency key: a retry with the same key and request gets the stored first answer and
     * changes nothing; a concurrent retry waits for the first and gets its answer too.
     */
    @Transactional
    public IdempotencyStore.Answer register(CustomerProfile profile, IdempotencyKey key, Function<CustomerSnapshot, StoredResponse> answer) {
        return idempotency.once(key, () -> answer.apply(register(profile)));
    }

    @Transactional
    public CustomerSnapshot get(UUID id) {
        return CustomerSnapshot.of(customers.findByIdOptional(id).orElseThrow(() -> new CustomerNotFoundException(id)));
    }

    /** The customer a CRM knows by {@code ref}. */
    @Transactional
    public CustomerSnapshot get(ExternalRef ref) {
        return get(customers.findOwner(ref).orElseThrow(() -> new CustomerNotFoundException(ref)));
    }

    /** Replaces the whole profile; {@code condition} (from If-Match) is checked when given. */
    @Transactional
    public Result replace(UUID id, VersionCondition condition, CustomerProfile profile) {
        Map<ExternalRef, UUID> owners = customers.lockExternalRefs(profile.externalRefs());
        Customer customer = customers.findForUpdate(id).orElseThrow(() -> new CustomerNotFoundException(id));
        customer.requireVersion(condition);
        return update(customer, profile, owners);
    }

    /**
     * Applies a change computed from the current state (a merge patch) under the customer's lock, so nobody
     * else's change can slip in between reading and writing.
     */
    @Transactional
    public Result patch(UUID id, VersionCondition condition, UnaryOperator<CustomerSnapshot> change, ProfileReader reader) {
        Customer customer = customers.findForUpdate(id).orElseThrow(() -> new CustomerNotFoundException(id));
        customer.requireVersion(condition);
        customer.requireActive(); // before the patched profile is read: an archived customer is 409, whatever the patch makes of it
        CustomerProfile profile = reader.read(change.apply(CustomerSnapshot.of(customer)));
        return update(customer, profile, customers.lockExternalRefs(profile.externalRefs()));
    }

    /** Turns a patched representation back into a valid profile, or throws with the fields at fault. */
    @FunctionalInterface
    public interface ProfileReader {
        CustomerProfile read(CustomerSnapshot patched);
    }

    /**
     * The sync path, inside the caller's transaction (a group of calls, an import chunk, or one call alone; see
     * {@link GroupedUpserts}): the customer a CRM knows as {@code ref} gets {@code profile}, created if KAM does not know
     * it yet. Concurrent upserts of one reference take turns, so they end as one customer. Not intercepted on
     * purpose: a refusal must not mark the caller's transaction for rollback. Every refusal happens before anything is
     * written.
     */
    public Result upsertWithin(ExternalRef ref, VersionCondition condition, CustomerProfile profile) {
        CustomerProfile withRef = withExternalRef(profile, ref);
        Map<ExternalRef, UUID> owners = customers.lockExternalRefs(withRef.externalRefs());
        return upsertLocked(ref, condition, withRef, owners, owner -> customers.findForUpdate(owner));
    }

    /**
     * The upsert once the profile's references are locked and {@code owners} read under those locks; {@code loader}
     * gives the owner's customer, locked.
     */
    private Result upsertLocked(ExternalRef ref, VersionCondition condition, CustomerProfile withRef, Map<ExternalRef, UUID> owners,
                                Function<UUID, Optional<Customer>> loader) {
        UUID owner = owners.get(ref);
        if (owner == null) {
            if (condition != null) {
                throw new PreconditionFailedException(ref);
            }
            return new Result(Outcome.CREATED, create(withRef, owners));
        }
        Customer customer = loader.apply(owner).orElseThrow(() -> new CustomerNotFoundException(owner));
        customer.requireVersion(condition);
        return update(customer, withRef, owners);
    }

    /** One upsert of a group: what {@link #upsertWithin} takes. */
    public record Upsert(ExternalRef ref, VersionCondition condition, CustomerProfile profile) {
    }

    /** What became of one upsert of a group: its result, or the refusal it would have got alone. */
    public record UpsertOutcome(Result result, RuntimeException refusal) {
    }

    /** Runs the writes of upsert {@code index} of a group in that upsert's own context (its caller, its trace). */
    @FunctionalInterface
    public interface InContextOf {
        void run(int index, Runnable work);
    }

    /**
     * Upserts a group inside the caller's transaction, each as if it were alone: an import chunk, or concurrent sync
     * calls committed together. Upserts that share no reference with another of the group take a few statements
     * for all of them: their references locked and owners read (two statements), the new customers inserted (one
     * batch per table), the known ones loaded and locked (one). Upserts that share a reference follow, one by one in
     * the group's order (they touch no customer of the first). A refusal happens before anything of its upsert is
     * written and leaves the others and the transaction intact. Every event is recorded in its own upsert's context.
     */
    public List<UpsertOutcome> upsertAllWithin(List<Upsert> upserts, InContextOf context) {
        UpsertOutcome[] outcomes = new UpsertOutcome[upserts.size()];
        CustomerProfile[] profiles = new CustomerProfile[upserts.size()];
        Map<ExternalRef, Integer> upsertsPerRef = new HashMap<>();
        for (int i = 0; i < upserts.size(); i++) {
            Upsert upsert = upserts.get(i);
            try {
                profiles[i] = withExternalRef(upsert.profile(), upsert.ref());
                profiles[i].externalRefs().stream().distinct().forEach(ref -> upsertsPerRef.merge(ref, 1, Integer::sum));
            } catch (InvalidProfileException e) {
                outcomes[i] = new UpsertOutcome(null, e);
            }
        }
        List<Integer> independent = new ArrayList<>();
        List<Integer> oneByOne = new ArrayList<>();
        for (int i = 0; i < upserts.size(); i++) {
            if (profiles[i] == null) {
                continue;
            }
            boolean namedByNoOther = profiles[i].externalRefs().stream().allMatch(ref -> upsertsPerRef.get(ref) == 1);
            (namedByNoOther ? independent : oneByOne).add(i);
        }
        // Upserts that share no reference with another: their references locked and owners read in two statements,
        // new customers inserted together, known ones loaded (and locked) in one statement.
        Map<ExternalRef, UUID> owners = customers.lockExternalRefs(independent.stream()
                .flatMap(i -> profiles[i].externalRefs().stream()).toList());
        List<Integer> fresh = new ArrayList<>();
        List<Integer> known = new ArrayList<>();
        for (int i : independent) {
            boolean nobodyKnowsIt = upserts.get(i).condition() == null && profiles[i].externalRefs().stream().noneMatch(owners::containsKey);
            (nobodyKnowsIt ? fresh : known).add(i);
        }
        registerTogether(fresh, profiles, outcomes, context);
        Map<UUID, Customer> loaded = customers.findAllForUpdate(known.stream().map(i -> owners.get(upserts.get(i).ref()))
                .filter(Objects::nonNull).toList());
        for (int i : known) {
            Upsert upsert = upserts.get(i);
            attempt(i, outcomes, context, () -> upsertLocked(upsert.ref(), upsert.condition(), profiles[i], owners,
                    owner -> Optional.ofNullable(loaded.get(owner))));
        }
        // The others in the group's order, each locking and reading for itself.
        for (int i : oneByOne) {
            Upsert upsert = upserts.get(i);
            attempt(i, outcomes, context, () -> upsertWithin(upsert.ref(), upsert.condition(), profiles[i]));
        }
        return List.of(outcomes);
    }

    /** Upsert {@code index} of a group in its context; a refusal becomes its outcome and writes nothing. */
    private static void attempt(int index, UpsertOutcome[] outcomes, InContextOf context, Supplier<Result> upsert) {
        context.run(index, () -> {
            try {
                outcomes[index] = new UpsertOutcome(upsert.get(), null);
            } catch (InvalidProfileException | ExternalRefConflictException | CustomerArchivedException | PreconditionFailedException e) {
                outcomes[index] = new UpsertOutcome(null, e);
            }
        });
    }

    /**
     * Registers the customers of {@code fresh} (their references locked and owned by nobody) with one insert batch per
     * table, each event recorded in its upsert's context. A refused profile is left out before anything is written.
     */
    private void registerTogether(List<Integer> fresh, CustomerProfile[] profiles, UpsertOutcome[] outcomes, InContextOf context) {
        Instant now = clock.instant();
        Map<Integer, Customer> created = new LinkedHashMap<>();
        for (int i : fresh) {
            try {
                requireStorable(profiles[i]);
                created.put(i, Customer.register(profiles[i], now));
            } catch (InvalidProfileException e) {
                outcomes[i] = new UpsertOutcome(null, e);
            }
        }
        customers.insertNew(List.copyOf(created.values()));
        created.forEach((i, customer) -> context.run(i,
                () -> outcomes[i] = new UpsertOutcome(new Result(Outcome.CREATED, announceRegistered(customer)), null)));
    }

    /** Archives the customer; archiving an archived customer changes nothing and publishes nothing. */
    @Transactional
    public CustomerSnapshot archive(UUID id, VersionCondition condition) {
        Customer customer = customers.findForUpdate(id).orElseThrow(() -> new CustomerNotFoundException(id));
        customer.requireVersion(condition);
        Instant now = clock.instant();
        if (customer.archive(now)) {
            CustomerSnapshot snapshot = CustomerSnapshot.of(customer);
            outbox.record(EventType.CUSTOMER_ARCHIVED, customer.id().toString(),
                    new CustomerEvents.Archived(snapshot, customer.eventSequence(), now));
            return snapshot;
        }
        return CustomerSnapshot.of(customer);
    }

    @Transactional
    public Page list(CustomerRepository.Filter filter, long afterPosition, int limit) {
        List<Customer> page = customers.page(filter, afterPosition, limit);
        long last = page.isEmpty() ? afterPosition : page.get(page.size() - 1).listPosition();
        return new Page(page.stream().map(CustomerSnapshot::of).toList(), last);
    }

    /** @param owners the current owners of the profile's references, read under their locks */
    private CustomerSnapshot create(CustomerProfile profile, Map<ExternalRef, UUID> owners) {
        requireStorable(profile);
        requireRefsFree(profile.externalRefs(), null, owners);
        Customer customer = Customer.register(profile, clock.instant());
        customers.insertNew(List.of(customer));
        return announceRegistered(customer);
    }

    private Result update(Customer customer, CustomerProfile profile, Map<ExternalRef, UUID> owners) {
        requireStorable(profile);
        requireRefsFree(profile.externalRefs(), customer.id(), owners);
        Optional<List<String>> changed = customer.replaceProfile(profile, clock.instant());
        if (changed.isEmpty()) {
            return new Result(Outcome.UNCHANGED, CustomerSnapshot.of(customer));
        }
        if (changed.get().contains("externalRefs")) {
            customers.replaceExternalRefs(customer.id(), profile.externalRefs());
        }
        CustomerSnapshot snapshot = CustomerSnapshot.of(customer);
        outbox.record(EventType.CUSTOMER_PROFILE_CHANGED, customer.id().toString(),
                new CustomerEvents.ProfileChanged(snapshot, changed.get(), customer.eventSequence()));
        return new Result(Outcome.UPDATED, snapshot);
    }

    /** Records the registration of a customer just inserted; its snapshot. */
    private CustomerSnapshot announceRegistered(Customer customer) {
        CustomerSnapshot snapshot = CustomerSnapshot.of(customer);
        outbox.record(EventType.CUSTOMER_REGISTERED, customer.id().toString(),
                new CustomerEvents.Registered(snapshot, customer.eventSequence()));
        return snapshot;
    }

    /** Every field may be within its bound and the whole still too large to store and publish: refused, naming the limit. */
    private static void requireStorable(CustomerProfile profile) {
        long bytes = StoredJson.sizeOf(profile);
        if (bytes > CustomerProfile.MAX_STORED_BYTES) {
            throw new InvalidProfileException(List.of(new ProfileViolation("body", "is " + bytes + " bytes as stored JSON; a customer "
                    + "profile may have at most " + CustomerProfile.MAX_STORED_BYTES + " (256 KiB)")));
        }
    }

    private static void requireRefsFree(List<ExternalRef> refs, UUID owner, Map<ExternalRef, UUID> owners) {
        for (ExternalRef ref : refs) {
            Optional.ofNullable(owners.get(ref))
                    .filter(existing -> !existing.equals(owner))
                    .ifPresent(existing -> {
                        throw new ExternalRefConflictException(ref, existing);
                    });
        }
    }

    /**
     * The profile with the reference of the request's path among its external references. A body that names
     * another id for the same system contradicts the path and is refused.
     */
    private static CustomerProfile withExternalRef(CustomerProfile profile, ExternalRef ref) {
        List<ExternalRef> refs = new ArrayList<>(profile.externalRefs());
        for (int i = 0; i < refs.size(); i++) {
            ExternalRef existing = refs.get(i);
            if (existing.system().equals(ref.system()) && !existing.id().equals(ref.id())) {
                throw new InvalidProfileException(List.of(new ProfileViolation("externalRefs[" + i + "].id",
                        "is " + existing.id() + " but the request is for " + ref.system() + "/" + ref.id())));
            }
        }
        if (refs.contains(ref)) {
            return profile;
        }
        refs.add(ref);
        return new CustomerProfile(refs, profile.legalName(), profile.industry(), profile.headquartersCountry(),
                profile.annualPurchasePotential(), profile.currentAnnualRevenue(), profile.operatingUnits(),
                profile.locations(), profile.functionalAreas(), profile.selectionCriteria(), profile.buyingCenter(),
                profile.partnershipIntent(), profile.supplierStatus(), profile.relationshipSince());
    }
}
