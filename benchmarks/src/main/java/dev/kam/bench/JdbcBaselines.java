package dev.kam.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The same writes the platform does, done with plain JDBC on the same PostgreSQL: a customer row and an
 * outbox row per transaction, one at a time or batched. What the machine can do without KAM in the way.
 */
final class JdbcBaselines {

    private final BenchPlatform platform;

    JdbcBaselines(BenchPlatform platform) throws SQLException {
        this.platform = platform;
        try (Connection admin = platform.database("postgres"); Statement statement = admin.createStatement()) {
            try {
                statement.execute("CREATE DATABASE kam_bench");
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
        try (Connection connection = connection(false); Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS bench_customer (id UUID PRIMARY KEY, external_id TEXT UNIQUE, legal_name TEXT NOT NULL,
                        profile JSONB NOT NULL, version BIGINT NOT NULL, updated_at TIMESTAMPTZ NOT NULL DEFAULT now());
                    CREATE TABLE IF NOT EXISTS bench_outbox (position BIGSERIAL PRIMARY KEY, event_id UUID NOT NULL, aggregate_id TEXT NOT NULL,
                        payload TEXT NOT NULL, published_at TIMESTAMPTZ)""");
        }
    }

    private static final String INSERT_CUSTOMER =
            "INSERT INTO bench_customer (id, external_id, legal_name, profile, version) VALUES (?, ?, ?, CAST(? AS jsonb), 1)";
    private static final String INSERT_OUTBOX = "INSERT INTO bench_outbox (event_id, aggregate_id, payload) VALUES (?, ?, ?)";

    /** The rows the platform writes for one new customer: the customer and its registered event. */
    private static void bind(PreparedStatement customer, PreparedStatement outbox, String ref, Random random) throws SQLException {
        String profile = Customers.profile(ref, random);
        UUID id = UUID.randomUUID();
        customer.setObject(1, id);
        customer.setString(2, ref);
        customer.setString(3, "Bench Customer " + ref);
        customer.setString(4, profile);
        outbox.setObject(1, UUID.randomUUID());
        outbox.setString(2, id.toString());
        outbox.setString(3, profile);
    }

    Connection connection(boolean batched) throws SQLException {
        Properties properties = platform.credentials();
        if (batched) {
            properties.setProperty("reWriteBatchedInserts", "true");
        }
        return DriverManager.getConnection(platform.jdbcUrl("kam_bench"), properties);
    }

    void truncate() throws SQLException {
        try (Connection connection = connection(false); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE bench_customer, bench_outbox");
        }
    }

    /** {@code clients} connections, each committing one customer and one outbox row per transaction. */
    Load.Throughput singleRowCommits(int clients, Duration duration) throws Exception {
        AtomicLong sequence = new AtomicLong();
        return Load.closedLoop(clients, duration, () -> {
            Connection connection;
            PreparedStatement customer;
            PreparedStatement outbox;
            try {
                connection = connection(false);
                connection.setAutoCommit(false);
                customer = connection.prepareStatement(INSERT_CUSTOMER);
                outbox = connection.prepareStatement(INSERT_OUTBOX);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            Random random = new Random();
            return () -> {
                bind(customer, outbox, "jdbc-" + sequence.incrementAndGet() + "-" + UUID.randomUUID(), random);
                customer.executeUpdate();
                outbox.executeUpdate();
                connection.commit();
                return true;
            };
        });
    }

    /** One connection inserting {@code rows} customers and outbox rows in batches of {@code batch}; rows per second. */
    double batchInsert(int rows, int batch) throws SQLException {
        Random random = new Random(7);
        long start = System.nanoTime();
        try (Connection connection = connection(true);
             PreparedStatement customer = connection.prepareStatement(INSERT_CUSTOMER);
             PreparedStatement outbox = connection.prepareStatement(INSERT_OUTBOX)) {
            connection.setAutoCommit(false);
            String run = UUID.randomUUID().toString().substring(0, 8);
            for (int i = 1; i <= rows; i++) {
                bind(customer, outbox, "batch-" + run + "-" + i, random);
                customer.addBatch();
                outbox.addBatch();
                if (i % batch == 0 || i == rows) {
                    customer.executeBatch();
                    outbox.executeBatch();
                    connection.commit();
                }
            }
        }
        return rows / ((System.nanoTime() - start) / 1e9);
    }
}
