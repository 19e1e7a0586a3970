package dev.kam.foundation.persistence;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Plain SQL on the connection of the current transaction, the one way repositories write it where the ORM does not
 * serve (set-based paths, JSON documents read and written whole): parameters bound by position, never spliced into
 * the text, and rows mapped to domain types by a {@link RowMapper}. Set-based statements take one round trip for a
 * whole batch of rows (a JDBC batch, or an array parameter). An optional filter is a parameter too
 * ({@code CAST(? AS text) IS NULL OR column = ?}), so each statement is one constant text.
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

    /** Runs a query without parameters and maps every row. */
    public static <T> List<T> query(EntityManager entityManager, String sql, RowMapper<T> mapper) {
        return query(entityManager, sql, (connection, statement) -> {
        }, mapper);
    }

    /** Runs a query and maps every row. */
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

    /** Runs an INSERT, UPDATE, DELETE or other statement without rows; returns how many rows it changed. */
    public static int update(EntityManager entityManager, String sql, ParameterBinder parameters) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                parameters.bind(connection, statement);
                return statement.executeUpdate();
            }
        });
    }

    /** Runs a statement without parameters or rows; returns how many rows it changed. */
    public static int update(EntityManager entityManager, String sql) {
        return update(entityManager, sql, (connection, statement) -> {
        });
    }

    /** A timestamp column as an instant; null stays null. */
    public static Instant instant(ResultSet row, int column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Binds an instant as a timestamp; null binds SQL NULL. */
    public static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setTimestamp(index, instant == null ? null : Timestamp.from(instant));
    }

    /** A text[] column as a list in its order (null elements kept); a null array is empty. */
    public static List<String> strings(ResultSet row, int column) throws SQLException {
        Array array = row.getArray(column);
        return array == null ? List.of() : Collections.unmodifiableList(Arrays.asList((String[]) array.getArray()));
    }

    /** A value of an enum column; null stays null. */
    public static <E extends Enum<E>> E enumValue(ResultSet row, int column, Class<E> type) throws SQLException {
        String value = row.getString(column);
        return value == null ? null : Enum.valueOf(type, value);
    }

    private Jdbc() {
    }
}
