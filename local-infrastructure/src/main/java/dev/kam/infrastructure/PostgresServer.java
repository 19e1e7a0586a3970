package dev.kam.infrastructure;

/** A PostgreSQL server the platform can use, however it was obtained. Closing stops what was started. */
public interface PostgresServer extends AutoCloseable {

    /** The JDBC URL of {@code database} on this server. */
    String jdbcUrl(String database);

    String user();

    String password();

    String describe();

    @Override
    void close();
}
