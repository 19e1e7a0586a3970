package dev.kam.bench;

import dev.kam.contracts.PlatformFacts;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The rows the services' databases inserted, updated and deleted during a phase, every table and every writer
 * counted (PostgreSQL's own statistics). Per unit of work, it says how much a scenario asks of PostgreSQL beside
 * what its baseline writes.
 */
final class RowsWritten {

    private static final List<String> DATABASES = PlatformFacts.databases();

    private final BenchPlatform platform;
    private final long[] start;

    private RowsWritten(BenchPlatform platform) {
        this.platform = platform;
        this.start = counts();
    }

    static RowsWritten start(BenchPlatform platform) {
        return new RowsWritten(platform);
    }

    /** e.g. {@code PostgreSQL rows per event: 8.4 inserted, 1.8 updated, 0.0 deleted}. */
    String per(long units, String unit) {
        long[] now = counts();
        return String.format("PostgreSQL rows per %s: %.1f inserted, %.1f updated, %.1f deleted", unit,
                (now[0] - start[0]) / (double) units, (now[1] - start[1]) / (double) units, (now[2] - start[2]) / (double) units);
    }

    private long[] counts() {
        Scenarios.sleep(1_000); // backends report their counts at most every 500 ms (PGSTAT_STAT_INTERVAL)
        long[] counts = new long[3];
        for (String database : DATABASES) {
            try (Connection connection = platform.database(database); Statement statement = connection.createStatement();
                 ResultSet sums = statement.executeQuery("SELECT coalesce(sum(n_tup_ins), 0), coalesce(sum(n_tup_upd), 0), "
                         + "coalesce(sum(n_tup_del), 0) FROM pg_stat_user_tables")) {
                sums.next();
                for (int i = 0; i < 3; i++) {
                    counts[i] += sums.getLong(i + 1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not read the table statistics of " + database, e);
            }
        }
        return counts;
    }

}
