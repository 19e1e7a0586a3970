package dev.kam.foundation.rest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One cursor format for every list, which still reads the cursors the lists handed out before it. */
class PageCursorsTest {

    private static final UUID ID = UUID.fromString("3f2b8c1e-0000-4000-8000-000000000001");

    @Test
    void cursorsHandedOutBeforeStillRead() {
        assertThat(PageCursors.decodeNumber("p1", legacy("p1:1234"), 0)).isEqualTo(1234);
        assertThat(PageCursors.decodeId("k1", legacy("k1:" + ID))).isEqualTo(ID);
        assertThat(PageCursors.decodeNumberAndId("f1", legacy("f1:987:" + ID))).isEqualTo(new PageCursors.NumberAndId(987, ID));
        assertThat(PageCursors.encode("f1", new PageCursors.NumberAndId(987, ID))).isEqualTo(legacy("f1:987:" + ID));
        assertThat(PageCursors.encode("p1", 1234)).isEqualTo(legacy("p1:1234"));
    }

    @Test
    void aMissingCursorIsTheBeginning() {
        assertThat(PageCursors.decodeNumber("audit", null, 0)).isZero();
        assertThat(PageCursors.decodeNumber("audit", " ", 7)).isEqualTo(7);
        assertThat(PageCursors.decodeId("k1", null)).isNull();
        assertThat(PageCursors.decodeNumberAndId("f1", "")).isNull();
    }

    @Test
    void aCursorOfAnotherListOrShapeIsRefusedNamingTheParameter() {
        for (String bad : new String[] {PageCursors.encode("p1", 5), legacy("audit:-1"), legacy("audit:5:6"), "%%%", legacy("audit:x")}) {
            assertThatThrownBy(() -> PageCursors.decodeNumber("audit", bad, 0)).isInstanceOfSatisfying(BadQueryException.class,
                    refused -> assertThat(refused.parameter()).isEqualTo("cursor"));
        }
        assertThatThrownBy(() -> PageCursors.decodeId("k1", legacy("k1:not-a-uuid"))).isInstanceOf(BadQueryException.class);
        assertThatThrownBy(() -> PageCursors.decodeNumberAndId("f1", legacy("f1:-3:" + ID))).isInstanceOf(BadQueryException.class);
        assertThatThrownBy(() -> PageCursors.decodeNumberAndId("f1", legacy("f1:3"))).isInstanceOf(BadQueryException.class);
    }

    private static String legacy(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
