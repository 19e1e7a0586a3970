package dev.kam.infrastructure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

final class Ports {

    /** {@code port} if it is free, a free port if {@code port} is 0. */
    static int requireFreeOrPick(int port, String what) {
        if (port != 0 && !isFree(port)) {
            throw new PortInUseException(what, port);
        }
        return port != 0 ? port : pickFree();
    }

    /** The first free port of {@code first .. first + count - 1}, or 0 (any free port) if all are taken. */
    static int firstFreeFrom(int first, int count) {
        for (int port = first; port < first + count; port++) {
            if (isFree(port)) {
                return port;
            }
        }
        return 0;
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int pickFree() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private Ports() {
    }
}
