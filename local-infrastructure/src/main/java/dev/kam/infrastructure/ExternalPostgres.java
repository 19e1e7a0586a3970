package dev.kam.infrastructure;

import java.net.URI;

/** A PostgreSQL server someone else runs; the platform only connects. */
public record ExternalPostgres(String serverUrl, String user, String password) implements PostgresServer {

    public ExternalPostgres {
        if (!serverUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("kam.postgres.url must be a jdbc:postgresql:// URL, not " + serverUrl);
        }
    }

    /** The same server and parameters as {@link #serverUrl}, another database. */
    @Override
    public String jdbcUrl(String database) {
        URI uri = URI.create(serverUrl.substring("jdbc:".length()));
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return "jdbc:postgresql://" + uri.getRawAuthority() + "/" + database + query;
    }

    @Override
    public String describe() {
        return "external PostgreSQL at " + jdbcUrl("");
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
