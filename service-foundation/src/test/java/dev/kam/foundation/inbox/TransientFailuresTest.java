package dev.kam.foundation.inbox;

import jakarta.transaction.RollbackException;
import org.junit.jupiter.api.Test;

import javax.transaction.xa.XAException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class TransientFailuresTest {

    /** As Narayana reports a one-phase commit whose connection broke: the resource's failure suppressed, not the cause. */
    private static RollbackException commitFailed(SQLException byTheDatabase) {
        XAException resource = new XAException("Error trying to transactionCommit local transaction: " + byTheDatabase.getMessage());
        resource.errorCode = XAException.XA_RBROLLBACK;
        resource.initCause(byTheDatabase);
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(resource);
        return rollback;
    }

    @Test
    void aCommitThatLostItsConnectionIsTransient() {
        // a scoring consumer had dead-lettered a customer event for this during a PostgreSQL outage
        assertThat(TransientFailures.isTransient(new IllegalStateException(commitFailed(
                new SQLException("An I/O error occurred while sending to the backend.", "08006"))))).isTrue();
    }

    @Test
    void aCommitTheDatabaseRefusesForGoodIsNot() {
        assertThat(TransientFailures.isTransient(commitFailed(new SQLException("duplicate key value violates unique constraint", "23505"))))
                .isFalse();
        assertThat(TransientFailures.isTransient(new IllegalArgumentException("not a valid customer id"))).isFalse();
    }

    @Test
    void aCycleOfCausesEnds() {
        Exception first = new Exception("first");
        Exception second = new Exception("second", first);
        first.addSuppressed(second);
        assertThat(TransientFailures.isTransient(second)).isFalse();
    }
}
