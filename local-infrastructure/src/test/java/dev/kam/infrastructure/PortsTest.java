package dev.kam.infrastructure;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

class PortsTest {

    @Test
    void fallsBackToTheNextFreePortAfterATakenOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            int chosen = Ports.firstFreeFrom(port, 20);
            assertThat(chosen).isNotEqualTo(port).isBetween(port + 1, port + 19);
            assertThat(Ports.isFree(chosen)).isTrue();
        }
    }
}
