package dev.kam.platform.faults;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Stops the platform the fault scenarios share when JUnit closes its root context, after the last scenario of the
 * run, so no server outlives the test JVM. Each scenario starts the platform it needs (see {@link Platform#get()}).
 */
final class PlatformExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Platform.class.getName(), ignored -> new StopAtTheEnd(), StopAtTheEnd.class);
    }

    private record StopAtTheEnd() implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            Platform.stopAll();
        }
    }
}
