package dev.kam.infrastructure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded PostgreSQL as an enterprise's: TLS only, and clients that verify the server's certificate and name
 * (sslmode=verify-full). A plaintext client is rejected, and so is a client that trusts another certificate.
 */
class SecurePostgresTest {

    @Test
    void onlyVerifiedTlsConnectionsGetIn(@TempDir Path data, @TempDir Path elsewhere) throws Exception {
        InfrastructureSettings settings = InfrastructureSettings.from(Map.of("kam.postgres.tls", "true")::get);
        try (PostgresServer postgres = LocalInfrastructure.startPostgres(settings, data, false)) {
            String url = postgres.jdbcUrl("postgres");
            assertThat(url).contains("sslmode=verify-full").contains("sslrootcert=");
            assertThat(postgres.describe()).contains("TLS only");
            try (Connection connection = DriverManager.getConnection(url, postgres.user(), postgres.password());
                 ResultSet ssl = connection.createStatement().executeQuery("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
                assertThat(ssl.next()).isTrue();
                assertThat(ssl.getBoolean(1)).isTrue();
                assertThat(ssl.getString(2)).startsWith("TLSv1.");
            }
            LocalInfrastructure.ensureDatabases(postgres, LocalInfrastructure.SERVICE_DATABASES); // the platform's own set-up goes through

            String plaintext = url.substring(0, url.indexOf('?')) + "?sslmode=disable";
            assertThatThrownBy(() -> DriverManager.getConnection(plaintext, postgres.user(), postgres.password()))
                    .isInstanceOf(SQLException.class).hasMessageContaining("no encryption");

            Path otherCertificate = LocalCertificates.ensure(elsewhere, "other", "unused").certificatePem();
            String trustingAnother = url.substring(0, url.indexOf('?')) + "?sslmode=verify-full&sslrootcert=" + otherCertificate;
            assertThatThrownBy(() -> DriverManager.getConnection(trustingAnother, postgres.user(), postgres.password()))
                    .isInstanceOf(SQLException.class);
        }
    }
}
