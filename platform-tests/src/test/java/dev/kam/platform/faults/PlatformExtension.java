package dev.kam.platform.faults;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the shared platform before the first fault scenario and stops it when JUnit closes its root
 * context, after the last scenario of the run, so no server outlives the test JVM.
 */
final class PlatformExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Platform.class.getName(), ignored -> new Running(Platform.get()), Running.class);
    }

    private record Running(Platform platform) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            platform.stop();
        }
    }
}
