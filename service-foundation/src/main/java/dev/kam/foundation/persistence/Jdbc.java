package dev.kam.foundation.persistence;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Set-based statements on the connection of the current transaction: one round trip for a whole batch of
 * rows (a JDBC batch, or an array parameter), where native queries through Hibernate would take one each.
 */
public final class Jdbc {

    /** Binds one row's parameters. */
    @FunctionalInterface
    public interface RowBinder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    /** Binds a query's parameters; the connection creates arrays. */
    @FunctionalInterface
    public interface ParameterBinder {
        void bind(Connection connection, PreparedStatement statement) throws SQLException;
    }

    /** Reads the current row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Executes {@code sql} once per row as one JDBC batch. */
    public static <T> void batch(EntityManager entityManager, String sql, Collection<T> rows, RowBinder<T> binder) {
        if (rows.isEmpty()) {
            return;
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (T row : rows) {
                    binder.bind(statement, row);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        });
    }

    /** Runs a query and maps every row. */
    /** Runs a query without parameters and maps every row. */
    public static <T> List<T> query(EntityManager entityManager, String sql, RowMapper<T> mapper) {
        return query(entityManager, sql, (connection, statement) -> {
        }, mapper);
    }

    public static <T> List<T> query(EntityManager entityManager, String sql, ParameterBinder parameters, RowMapper<T> mapper) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                parameters.bind(connection, statement);
                List<T> result = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        result.add(mapper.map(rows));
                    }
                }
                return result;
            }
        });
    }

    /** Runs a query whose one parameter is {@code ids} as a {@code uuid[]} (write it {@code = ANY(?)}), mapping every row. */
    public static <T> List<T> queryByIds(EntityManager entityManager, String sql, Collection<UUID> ids, RowMapper<T> mapper) {
        return query(entityManager, sql, (connection, statement) -> statement.setArray(1, connection.createArrayOf("uuid", ids.toArray())), mapper);
    }

    private Jdbc() {
    }
}
