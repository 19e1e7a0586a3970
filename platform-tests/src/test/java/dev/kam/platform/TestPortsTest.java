package dev.kam.platform;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TestPortsTest {

    @Test
    void readsTheKernelsRangeAndNothingElse() {
        assertThat(TestPorts.parseRange("32768\t60999\n")).containsExactly(32768, 60999);
        assertThat(TestPorts.parseRange("3")).isNull();
        assertThat(TestPorts.parseRange("60999 32768")).isNull();
        assertThat(TestPorts.parseRange("0 70000")).isNull();
        assertThat(TestPorts.parseRange("")).isNull();
    }

    @Test
    void takesTheWiderSideOfTheEphemeralRangeWithRoomForAClustersNeighbours() {
        assertThat(TestPorts.poolBeside(new int[] {32768, 60999})).isEqualTo(new TestPorts.Pool(10_000, 32_468, true));
        assertThat(TestPorts.poolBeside(new int[] {16000, 65535})).isEqualTo(new TestPorts.Pool(10_000, 15_700, true));
        assertThat(TestPorts.poolBeside(new int[] {1024, 20000})).isEqualTo(new TestPorts.Pool(20_001, 64_700, true));
        // no room on either side, or no range known: every port, and the pool says it may meet the kernel's choices
        assertThat(TestPorts.poolBeside(new int[] {1024, 65535})).isEqualTo(new TestPorts.Pool(10_000, 64_700, false));
        assertThat(TestPorts.poolBeside(null)).isEqualTo(new TestPorts.Pool(10_000, 64_700, false));
    }

    @Test
    void handsOutEachPortOnceFromThePool() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = KamCommand.freePort();
            assertThat(port).isBetween(TestPorts.POOL.from(), TestPorts.POOL.to() - 1);
            assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
        }
        int cluster = KamCommand.freePortWithNeighbours(3);
        assertThat(ports).doesNotContain(cluster, cluster + 100, cluster + 200);
        assertThat(cluster + 200).isLessThan(TestPorts.POOL.to() + 300);
    }
}
