package dev.kam.customer.repository;

import dev.kam.customer.domain.Customer;
import dev.kam.customer.domain.ExternalRef;
import dev.kam.foundation.persistence.Jdbc;
import dev.kam.foundation.persistence.StoredJson;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class CustomerRepository implements PanacheRepositoryBase<Customer, UUID> {

    /** What a list request asks for; null means "any". */
    public record Filter(String text, String country, String industry, Instant updatedSince, boolean includeArchived) {
    }

    /** Loads the customer and locks its row until the transaction ends: writers to one customer take turns. */
    public Optional<Customer> findForUpdate(UUID id) {
        return Optional.ofNullable(getEntityManager().find(Customer.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** Loads these customers and locks their rows until the transaction ends, in one statement (in id order). */
    public Map<UUID, Customer> findAllForUpdate(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Customer> found = new HashMap<>();
        getEntityManager().createQuery("FROM Customer c WHERE c.id IN :ids ORDER BY c.id", Customer.class)
                .setParameter("ids", ids).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList()
                .forEach(customer -> found.put(customer.id(), customer));
        return found;
    }

    /**
     * Serialises the writers of each of these external references until the transaction ends, so two concurrent
     * upserts of a new reference cannot both create a customer; then reads who owns them. Two statements
     * whatever the number of references: the owners are read after the locks are held, in a statement of its own.
     *
     * @return the current owner of each reference that has one
     */
    public Map<ExternalRef, UUID> lockExternalRefs(List<ExternalRef> refs) {
        if (refs.isEmpty()) {
            return Map.of();
        }
        // Always in one order (system, then id), so two writers locking overlapping sets cannot deadlock.
        String[] keys = refs.stream().map(ref -> ref.system() + "/" + ref.id()).sorted().distinct().toArray(String[]::new);
        Jdbc.query(getEntityManager(), """
                        SELECT count(pg_advisory_xact_lock(hashtextextended(ordered.key, 0)))
                        FROM (SELECT key FROM unnest(?::text[]) AS key ORDER BY key) AS ordered""",
                (connection, lock) -> lock.setArray(1, connection.createArrayOf("text", keys)), row -> row.getLong(1));
        Map<ExternalRef, UUID> owners = new HashMap<>();
        Jdbc.query(getEntityManager(), """
                        SELECT r.system, r.external_id, r.customer_id FROM customer_external_ref r
                        JOIN unnest(?::text[], ?::text[]) AS wanted (system, external_id)
                          ON wanted.system = r.system AND wanted.external_id = r.external_id""",
                (connection, select) -> {
                    select.setArray(1, connection.createArrayOf("text", refs.stream().map(ExternalRef::system).toArray()));
                    select.setArray(2, connection.createArrayOf("text", refs.stream().map(ExternalRef::id).toArray()));
                },
                row -> Map.entry(new ExternalRef(row.getString(1), row.getString(2)), row.getObject(3, UUID.class)))
                .forEach(owner -> owners.put(owner.getKey(), owner.getValue()));
        return owners;
    }

    public Optional<UUID> findOwner(ExternalRef ref) {
        return Jdbc.query(getEntityManager(), "SELECT customer_id FROM customer_external_ref WHERE system = ? AND external_id = ?",
                (connection, statement) -> {
                    statement.setString(1, ref.system());
                    statement.setString(2, ref.id());
                }, row -> row.getObject(1, UUID.class)).stream().findFirst();
    }

    /** Makes {@code refs} the external references of the customer: adds the new ones, drops the others. */
    public void replaceExternalRefs(UUID customerId, List<ExternalRef> refs) {
        getEntityManager().flush();
        Jdbc.update(getEntityManager(), """
                DELETE FROM customer_external_ref r WHERE r.customer_id = ? AND NOT EXISTS (
                    SELECT 1 FROM unnest(?, ?) AS keep(system, external_id)
                    WHERE keep.system = r.system AND keep.external_id = r.external_id)""", (connection, statement) -> {
            statement.setObject(1, customerId);
            statement.setArray(2, connection.createArrayOf("text", refs.stream().map(ExternalRef::system).toArray()));
            statement.setArray(3, connection.createArrayOf("text", refs.stream().map(ExternalRef::id).toArray()));
        });
        addExternalRefs(customerId, refs);
    }

    /** Gives the customer these references (those it has already stay), in one statement. */
    private void addExternalRefs(UUID customerId, List<ExternalRef> refs) {
        getEntityManager().flush();
        Jdbc.update(getEntityManager(), """
                INSERT INTO customer_external_ref (system, external_id, customer_id)
                SELECT ref.system, ref.external_id, ? FROM unnest(?, ?) AS ref (system, external_id)
                ON CONFLICT (system, external_id) DO NOTHING""", (connection, statement) -> {
            statement.setObject(1, customerId);
            statement.setArray(2, connection.createArrayOf("text", refs.stream().map(ExternalRef::system).toArray()));
            statement.setArray(3, connection.createArrayOf("text", refs.stream().map(ExternalRef::id).toArray()));
        });
    }

    /**
     * Inserts customers nobody knows yet, and their references, with one JDBC batch per table (the way every new
     * customer is stored, one or a group). The caller holds the references' locks and has checked that nobody owns
     * them. The customers are not managed afterwards: nothing reads them back in the same transaction.
     */
    public void insertNew(List<Customer> created) {
        getEntityManager().flush();
        Jdbc.batch(getEntityManager(), """
                INSERT INTO customer (id, profile, legal_name, industry, headquarters_country, archived, version, event_sequence,
                                      created_at, updated_at)
                VALUES (?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?)""", created, (insert, customer) -> {
            insert.setObject(1, customer.id());
            insert.setString(2, StoredJson.write(customer.profile()));
            insert.setString(3, customer.profile().legalName());
            insert.setString(4, customer.profile().industry());
            insert.setString(5, customer.profile().headquartersCountry());
            insert.setBoolean(6, customer.archived());
            insert.setLong(7, customer.version());
            insert.setLong(8, customer.eventSequence());
            insert.setTimestamp(9, Timestamp.from(customer.createdAt()));
            insert.setTimestamp(10, Timestamp.from(customer.updatedAt()));
        });
        List<Map.Entry<UUID, ExternalRef>> refs = created.stream()
                .flatMap(customer -> customer.profile().externalRefs().stream().map(ref -> Map.entry(customer.id(), ref)))
                .toList();
        Jdbc.batch(getEntityManager(), """
                INSERT INTO customer_external_ref (system, external_id, customer_id) VALUES (?, ?, ?)
                ON CONFLICT (system, external_id) DO NOTHING""", refs, (insert, ref) -> {
            insert.setString(1, ref.getValue().system());
            insert.setString(2, ref.getValue().id());
            insert.setObject(3, ref.getKey());
        });
    }

    /**
     * One page in list order: customers after {@code afterPosition} matching {@code filter}. One statement for every
     * filter: a filter not given is bound as '' (or the epoch) and matches everything.
     */
    @SuppressWarnings("unchecked")
    public List<Customer> page(Filter filter, long afterPosition, int limit) {
        var query = getEntityManager().createNativeQuery("""
                SELECT * FROM customer
                WHERE list_position > :after
                  AND (:includeArchived OR NOT archived)
                  AND (:text = '' OR strpos(lower(legal_name), lower(:text)) > 0)
                  AND (:country = '' OR headquarters_country = :country
                       OR profile -> 'locations' @> jsonb_build_array(jsonb_build_object('country', :country)))
                  AND (:industry = '' OR lower(industry) = lower(:industry))
                  AND updated_at >= :updatedSince
                ORDER BY list_position LIMIT :limit""", Customer.class)
                .setParameter("after", afterPosition)
                .setParameter("includeArchived", filter.includeArchived())
                .setParameter("text", Objects.requireNonNullElse(filter.text(), ""))
                .setParameter("country", Objects.requireNonNullElse(filter.country(), ""))
                .setParameter("industry", Objects.requireNonNullElse(filter.industry(), ""))
                .setParameter("updatedSince", Timestamp.from(Objects.requireNonNullElse(filter.updatedSince(), Instant.EPOCH)))
                .setParameter("limit", limit);
        return new ArrayList<>((List<Customer>) query.getResultList());
    }

    /** How many customers there are, archived or not: {@code true} -> archived count. */
    public Map<Boolean, Long> countByArchived() {
        Map<Boolean, Long> counts = new HashMap<>();
        Jdbc.query(getEntityManager(), "SELECT archived, count(*) FROM customer GROUP BY archived",
                row -> Map.entry(row.getBoolean(1), row.getLong(2))).forEach(count -> counts.put(count.getKey(), count.getValue()));
        return counts;
    }
}
