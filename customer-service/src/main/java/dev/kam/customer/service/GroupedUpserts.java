package dev.kam.customer.service;

import dev.kam.customer.domain.CustomerProfile;
import dev.kam.customer.domain.ExternalRef;
import dev.kam.customer.domain.VersionCondition;
import dev.kam.foundation.audit.CurrentActor;
import dev.kam.foundation.outbox.OutboxWriter;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Group commit for the sync path. A CRM syncs with many calls at once; alone, each would pay its own transaction,
 * statements, commit (a disk flush) and wake-up of the outbox relay. Here the calls waiting at one moment are stored
 * together by a writer thread, a group per transaction ({@link CustomerService#upsertAllWithin}), and each caller
 * gets the answer, events, audit entry and trace it would have got alone. A group that fails as a whole (a deadlock,
 * the database away) is stored again one call per transaction, so one call's trouble is never another's.
 * No call waits for a group to fill: a writer takes whatever is waiting when it is free.
 */
@ApplicationScoped
public class GroupedUpserts {

    private static final Logger LOG = Logger.getLogger(GroupedUpserts.class);
    /** Calls per group at most; the API's bound on requests in progress (64) keeps groups below it anyway. */
    static final int MAX_GROUP = 128;
    /** Writers: one stores a group while the next one gathers, on two cores or more. */
    static final int WRITERS = 2;

    private record Call(CustomerService.Upsert upsert, String caller, Context context, CompletableFuture<CustomerService.Result> answer) {
    }

    private final CustomerService customers;
    private final OutboxWriter outbox;
    private final CurrentActor actor;
    private final BlockingQueue<Call> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean started;

    GroupedUpserts(CustomerService customers, OutboxWriter outbox, CurrentActor actor) {
        this.customers = customers;
        this.outbox = outbox;
        this.actor = actor;
    }

    /** {@link CustomerService#upsertWithin} in a transaction, stored together with the calls waiting beside it; same answers, same refusals. */
    public CustomerService.Result upsert(ExternalRef ref, VersionCondition condition, CustomerProfile profile) {
        startWriters();
        Call call = new Call(new CustomerService.Upsert(ref, condition, profile), actor.caller().orElse(null), Context.current(),
                new CompletableFuture<>());
        waiting.add(call);
        try {
            return call.answer().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException refusal) {
                throw refusal;
            }
            throw new IllegalStateException("the upsert could not be stored", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the upsert was stored; it may have been stored", e);
        }
    }

    private void startWriters() {
        if (started) {
            return;
        }
        synchronized (this) {
            if (!started) {
                for (int i = 1; i <= WRITERS; i++) {
                    Thread writer = new Thread(this::write, "customer-upsert-writer-" + i);
                    writer.setDaemon(true);
                    writer.start();
                    writers.add(writer);
                }
                started = true;
            }
        }
    }

    /** The writers end with the application (a restart in dev mode or between tests would otherwise leave them waiting). */
    @PreDestroy
    synchronized void stopWriters() {
        writers.forEach(Thread::interrupt);
        writers.clear();
        started = false;
    }

    private void write() {
        List<Call> group = new ArrayList<>();
        while (true) {
            try {
                group.add(waiting.take());
            } catch (InterruptedException e) {
                return;
            }
            waiting.drainTo(group, MAX_GROUP - 1);
            try {
                store(group);
            } catch (RuntimeException | Error e) { // never leave a caller waiting
                LOG.errorf(e, "a group of %d upserts could not be answered", group.size());
                group.forEach(call -> call.answer().completeExceptionally(e));
            }
            group.clear();
        }
    }

    private void store(List<Call> group) {
        List<CustomerService.UpsertOutcome> outcomes;
        try {
            outcomes = QuarkusTransaction.requiringNew().call(() -> {
                List<List<CustomerService.UpsertOutcome>> stored = new ArrayList<>(1);
                outbox.recordingTogether(() -> stored.add(customers.upsertAllWithin(group.stream().map(Call::upsert).toList(),
                        (index, work) -> inContextOf(group.get(index), work))));
                return stored.get(0);
            });
        } catch (RuntimeException groupFailure) {
            if (databaseAway(groupFailure)) {
                // Each call alone would wait for a connection in turn and fail the same way: answer all at once.
                group.forEach(call -> call.answer().completeExceptionally(groupFailure));
                return;
            }
            if (group.size() > 1) {
                LOG.debugf("a group of %d upserts failed (%s), storing each alone", group.size(), groupFailure.getMessage());
            }
            group.forEach(this::storeAlone);
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            CustomerService.UpsertOutcome outcome = outcomes.get(i);
            if (outcome.refusal() != null) {
                group.get(i).answer().completeExceptionally(outcome.refusal());
            } else {
                group.get(i).answer().complete(outcome.result());
            }
        }
    }

    /** As the call would have been stored without others: in a transaction of its own. */
    private void storeAlone(Call call) {
        try {
            CustomerService.Upsert upsert = call.upsert();
            call.answer().complete(QuarkusTransaction.requiringNew().call(() -> {
                List<CustomerService.Result> result = new ArrayList<>(1);
                inContextOf(call, () -> result.add(customers.upsertWithin(upsert.ref(), upsert.condition(), upsert.profile())));
                return result.get(0);
            }));
        } catch (RuntimeException e) {
            call.answer().completeExceptionally(e);
        }
    }

    /** The database cannot be reached or takes no connections (SQL states 08, 53, 57P; Agroal's acquisition timeout). */
    private static boolean databaseAway(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLRecoverableException
                    || cause instanceof JDBCConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("53") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /** The call's caller (audit) and trace (its events continue the request's span). */
    private void inContextOf(Call call, Runnable work) {
        try (Scope ignored = call.context().makeCurrent()) {
            actor.actingFor(call.caller(), work);
        }
    }
}
