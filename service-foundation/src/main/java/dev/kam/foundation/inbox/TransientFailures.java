package dev.kam.foundation.inbox;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.QueryTimeoutException;
import org.apache.kafka.common.errors.RetriableException;
import org.hibernate.exception.JDBCConnectionException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Tells a fault that goes away by itself (database or broker unreachable, a lock conflict) from one that
 * will fail the same way every time. Only the latter may dead-letter an event.
 */
public final class TransientFailures {

    /**
     * Whether {@code failure}, one of its causes or one of the exceptions suppressed along the way is transient. A
     * commit that fails arrives as the transaction manager's RollbackException with the resource's failure (the
     * database connection lost while committing) suppressed, not as its cause.
     */
    public static boolean isTransient(Throwable failure) {
        return isTransient(failure, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    private static boolean isTransient(Throwable failure, java.util.Set<Throwable> seen) {
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof JDBCConnectionException || cause instanceof OptimisticLockException
                    || cause instanceof PessimisticLockException || cause instanceof LockTimeoutException
                    || cause instanceof QueryTimeoutException || cause instanceof RetriableException
                    || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                return true;
            }
            if (cause instanceof SQLException sql && isTransientSqlState(sql.getSQLState())) {
                return true;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (isTransient(suppressed, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * 08: connection exceptions; 40001/40P01: serialization failure and deadlock; 53: insufficient resources;
     * 57P01-57P03: server shutting down or not accepting connections. Agroal reports an exhausted or unreachable
     * pool without a state.
     */
    private static boolean isTransientSqlState(String state) {
        if (state == null) {
            return false;
        }
        return state.startsWith("08") || state.equals("40001") || state.equals("40P01") || state.startsWith("53")
                || state.startsWith("57P");
    }

    /** The message of the innermost cause, which names what actually went wrong (its class name when it has none). */
    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private TransientFailures() {
    }
}
