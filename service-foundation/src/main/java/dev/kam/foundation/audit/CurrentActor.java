package dev.kam.foundation.audit;

import dev.kam.foundation.config.KamConfig;
import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Optional;

/**
 * Who is acting now: the subject of the request's token, or the service itself when it acts on an event or
 * a schedule of its own.
 */
@ApplicationScoped
public class CurrentActor {

    private static final String SERVICE_PREFIX = "service:";
    /** The caller whose work this thread does for it (group commit), when it is not the thread of the request. */
    private static final ThreadLocal<String> ACTING_FOR = new ThreadLocal<>();

    private final Instance<SecurityIdentity> identity;
    private final String serviceActor;

    CurrentActor(Instance<SecurityIdentity> identity, KamConfig config) {
        this.identity = identity;
        this.serviceActor = SERVICE_PREFIX + config.service().name();
    }

    /** The authenticated caller of the current request, when there is one. */
    public Optional<String> caller() {
        String actingFor = ACTING_FOR.get();
        if (actingFor != null) {
            return Optional.of(actingFor);
        }
        if (!Arc.container().requestContext().isActive()) {
            return Optional.empty();
        }
        SecurityIdentity current = identity.get();
        if (current == null || current.isAnonymous()) {
            return Optional.empty();
        }
        return Optional.of(current.getPrincipal().getName());
    }

    /**
     * Runs {@code work} on this thread as done for {@code caller} (null: for nobody): a thread that stores the
     * writes of several requests together records each one's as its caller's.
     */
    public void actingFor(String caller, Runnable work) {
        String before = ACTING_FOR.get();
        ACTING_FOR.set(caller);
        try {
            work.run();
        } finally {
            if (before == null) {
                ACTING_FOR.remove();
            } else {
                ACTING_FOR.set(before);
            }
        }
    }

    /** The caller, or {@code service:<name>} for the service's own work. */
    public String name() {
        return caller().orElse(serviceActor);
    }

    /** {@code service:<name>}: the actor of the service's own follow-up work. */
    public String service() {
        return serviceActor;
    }
}
