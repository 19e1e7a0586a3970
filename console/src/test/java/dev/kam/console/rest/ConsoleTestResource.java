package dev.kam.console.rest;

import com.sun.net.httpserver.HttpServer;
import dev.kam.infrastructure.DevKeys;
import dev.kam.testsupport.KamInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The console with the real Kafka broker and the local key of the services' tests, and in place of the three services
 * one that refuses every token (401, as the services answer a token they no longer accept): what the console does with
 * a request never depends on a service here, except where a test wants that refusal.
 */
public class ConsoleTestResource implements QuarkusTestResourceLifecycleManager {

    private HttpServer refusingServices;

    @Override
    public Map<String, String> start() {
        DevKeys keys = KamInfrastructureResource.keys();
        try {
            refusingServices = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        refusingServices.createContext("/", exchange -> {
            byte[] problem = "{\"type\":\"https://kam.example/problems/unauthorized\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"the token is not valid\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(401, problem.length);
            exchange.getResponseBody().write(problem);
            exchange.close();
        });
        refusingServices.start();
        String services = "http://127.0.0.1:" + refusingServices.getAddress().getPort();
        return Map.of(
                "kafka.bootstrap.servers", KamInfrastructureResource.kafkaBootstrapServers(),
                "kam.console.public-key-location", keys.publicKeyFile().toString(),
                "kam.console.signing-key-location", keys.publicKeyFile().resolveSibling(DevKeys.PRIVATE_KEY_FILE).toString(),
                "kam.console.customer-url", services,
                "kam.console.scoring-url", services,
                "kam.console.team-url", services);
    }

    @Override
    public void stop() {
        if (refusingServices != null) {
            refusingServices.stop(0);
        }
    }
}
