package dev.kam.foundation;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.kam.foundation.rest.StorableDates;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StorableDatesTest {

    record Dated(LocalDate day, Instant at) {
    }

    private final ObjectMapper mapper = customized();

    private static ObjectMapper customized() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule()); // as Quarkus registers it
        new StorableDates().customize(mapper);
        return mapper;
    }

    @Test
    void isoTextIsRead() throws Exception {
        Dated dated = mapper.readValue("{\"day\": \"2026-11-01\", \"at\": \"2030-01-31T12:00:00Z\"}", Dated.class);
        assertThat(dated.day()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(dated.at()).isEqualTo(Instant.parse("2030-01-31T12:00:00Z"));
    }

    @Test
    void valuesPostgresqlCannotStoreAreRefusedWhileReading() {
        for (String day : new String[]{"-1405157576", "\"+3845222-03-25\"", "\"2026-13-01\"", "\"1.11.2026\"", "true"}) {
            assertThatThrownBy(() -> mapper.readValue("{\"day\": " + day + "}", Dated.class)).as(day)
                    .isInstanceOf(JsonMappingException.class).hasMessageContaining("YYYY-MM-DD")
                    .satisfies(e -> assertThat(((JsonMappingException) e).getPath()).extracting(r -> r.getFieldName()).containsExactly("day"));
        }
        for (String at : new String[]{"99999999999999", "\"+1000000000-01-01T00:00:00Z\"", "\"2030-01-31\""}) {
            assertThatThrownBy(() -> mapper.readValue("{\"at\": " + at + "}", Dated.class)).as(at)
                    .isInstanceOf(JsonMappingException.class).hasMessageContaining("ISO-8601");
        }
    }
}
