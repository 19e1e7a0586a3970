package dev.kam.infrastructure;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * External mode against a PostgreSQL server someone else runs: this machine's PostgreSQL 15 on
 * 127.0.0.1:5432 unless {@code kam.test.external-postgres.url} names another. Databases get a unique prefix
 * so the test never touches a running platform's data, and are dropped afterwards.
 */
class ExternalPostgresTest {

    private static final String URL = System.getProperty("kam.test.external-postgres.url", "jdbc:postgresql://127.0.0.1:5432/postgres");

    @Test
    void createsTheServiceDatabasesOnAnExternalServerWhenMissing() throws Exception {
        String prefix = "kam_it_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        List<String> databases = LocalInfrastructure.SERVICE_DATABASES.stream().map(name -> prefix + name).toList();
        InfrastructureSettings settings = InfrastructureSettings.from(Map.of(
                "kam.postgres.mode", "external",
                "kam.postgres.url", URL,
                "kam.postgres.user", System.getProperty("kam.test.external-postgres.user", "postgres"))::get);

        try (LocalInfrastructure infrastructure = LocalInfrastructure.start(settings)) {
            assertThat(infrastructure.postgres()).isInstanceOf(ExternalPostgres.class);
            try {
                infrastructure.ensureDatabases(databases);
                infrastructure.ensureDatabases(databases);
                for (String database : databases) {
                    assertThat(EmbeddedInfrastructureTest.query(infrastructure.postgres(), database, "SELECT current_database()"))
                            .containsExactly(database);
                }
                assertThat(EmbeddedInfrastructureTest.query(infrastructure.postgres(), "postgres", "SHOW server_version").get(0))
                        .doesNotStartWith("14."); // not the embedded one
            } finally {
                for (String database : databases) {
                    EmbeddedInfrastructureTest.execute(infrastructure.postgres(), "postgres", "DROP DATABASE IF EXISTS " + database);
                }
            }
        }
    }

    @Test
    void derivesEachDatabaseUrlFromTheServerUrlKeepingItsParameters() {
        ExternalPostgres postgres = new ExternalPostgres("jdbc:postgresql://db.internal:6432/postgres?sslmode=require", "kam", "secret");
        assertThat(postgres.jdbcUrl("kam_scoring")).isEqualTo("jdbc:postgresql://db.internal:6432/kam_scoring?sslmode=require");
    }
}
