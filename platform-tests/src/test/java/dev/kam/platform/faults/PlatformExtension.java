package dev.kam.platform.faults;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Stops the platform the fault scenarios share when JUnit closes its root context, after the last scenario of the
 * run, so no server outlives the test JVM. Each scenario starts the platform it needs (see {@link Platform#get()}).
 * When a scenario fails, the logs of every part of the platform (brokers, PostgreSQL, services, console, the output of
 * each ./kam command) are kept under target/fault-logs before its home is deleted: a failure can be read afterwards.
 */
final class PlatformExtension implements BeforeAllCallback, TestWatcher {

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Platform.keepLogs(context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName());
    }

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
