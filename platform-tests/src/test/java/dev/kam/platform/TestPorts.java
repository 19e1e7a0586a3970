package dev.kam.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Ports for test platforms, chosen outside the range the kernel hands out to outgoing connections and to whoever
 * binds port 0 (Linux: {@code /proc/sys/net/ipv4/ip_local_port_range}). A port from that range is free while its
 * part is stopped, and the kernel may give it to any other process or connection meanwhile, so a broker or service
 * started again could find its port in use. Each port is handed out once per JVM, so one platform never gets the same
 * port twice (a port is only known free at the moment it is tried).
 */
final class TestPorts {

    /** The range test ports come from, [from, to); {@code outsideEphemeral} says whether it misses the kernel's range. */
    record Pool(int from, int to, boolean outsideEphemeral) {
    }

    private static final int LOWEST = 10_000;
    private static final int HIGHEST = 65_000;
    /** Cluster brokers listen 100 and 200 above the chosen port, so a pool keeps that much room below its end. */
    private static final int CLUSTER_ROOM = 300;
    private static final int ENOUGH = 2_000;

    static final Pool POOL = poolBeside(ephemeralRange());
    private static final Random RANDOM = new Random();
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private TestPorts() {
    }

    /**
     * The widest stretch of [10000, 65000) beside the kernel's range {@code ephemeral} (null when unknown) with room
     * for a cluster's neighbours; if neither side has room, all of [10000, 65000), and the pool says it overlaps.
     */
    static Pool poolBeside(int[] ephemeral) {
        if (ephemeral == null) {
            return new Pool(LOWEST, HIGHEST - CLUSTER_ROOM, false);
        }
        int below = Math.min(ephemeral[0], HIGHEST) - CLUSTER_ROOM;
        int above = Math.max(ephemeral[1] + 1, LOWEST);
        int belowSize = below - LOWEST;
        int aboveSize = HIGHEST - CLUSTER_ROOM - above;
        if (Math.max(belowSize, aboveSize) < ENOUGH) {
            return new Pool(LOWEST, HIGHEST - CLUSTER_ROOM, false);
        }
        return belowSize >= aboveSize
                ? new Pool(LOWEST, below, true)
                : new Pool(above, HIGHEST - CLUSTER_ROOM, true);
    }

    /** The kernel's range as "first last", or null if it is not readable or not a range of ports. */
    static int[] parseRange(String text) {
        String[] parts = text.trim().split("\\s+");
        if (parts.length != 2) {
            return null;
        }
        try {
            int first = Integer.parseInt(parts[0]);
            int last = Integer.parseInt(parts[1]);
            return first >= 1 && first <= last && last <= 65_535 ? new int[] {first, last} : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static int[] ephemeralRange() {
        try {
            return parseRange(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")));
        } catch (IOException | RuntimeException unknown) {
            return null;
        }
    }

    /** A port of the pool that is free now and was not handed out before in this JVM. */
    static synchronized int freePort() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = POOL.from() + RANDOM.nextInt(POOL.to() - POOL.from());
            if (!HANDED_OUT.contains(port) && isFree(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port in [" + POOL.from() + ", " + POOL.to() + ")");
    }

    /** A port p of the pool with p+100, ..., p+100*(count-1) free and not handed out before either. */
    static synchronized int freePortWithNeighbours(int count) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = POOL.from() + RANDOM.nextInt(POOL.to() - POOL.from());
            boolean allFree = true;
            for (int node = 0; node < count && allFree; node++) {
                int neighbour = port + 100 * node;
                allFree = !HANDED_OUT.contains(neighbour) && isFree(neighbour);
            }
            if (allFree) {
                for (int node = 0; node < count; node++) {
                    HANDED_OUT.add(port + 100 * node);
                }
                return port;
            }
        }
        throw new IllegalStateException("no free port with " + count + " free neighbours 100 apart in ["
                + POOL.from() + ", " + POOL.to() + ")");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort() == port;
        } catch (IOException taken) {
            return false;
        }
    }
}
