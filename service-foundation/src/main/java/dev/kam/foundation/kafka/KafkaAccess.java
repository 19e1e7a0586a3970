package dev.kam.foundation.kafka;

import dev.kam.contracts.Topics;
import dev.kam.foundation.inbox.TransientFailures;
import dev.kam.foundation.config.KamConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Whether this service can work with its Kafka cluster, as the readiness check reports it. At start it creates the
 * platform topics and its DLQ when missing (or, with {@code kam.kafka.create-topics=false}, asks for the cluster),
 * then asks again every 30 s. A refusal that will not go away by itself (credentials refused, a TLS handshake that
 * fails, a principal without rights, a client setting Kafka cannot use) is kept with a message that names it and
 * the settings to check, and the service is not ready: it would otherwise accept writes it can never publish. A broker
 * that cannot be reached is only tried again: writes wait safely in the outbox meanwhile, so the service stays ready
 * once its topics were made.
 */
@ApplicationScoped
public class KafkaAccess {

    private static final Logger LOG = Logger.getLogger(KafkaAccess.class);
    private static final Duration RETRY = Duration.ofSeconds(5);
    private static final Duration RECHECK = Duration.ofSeconds(30);

    /**
     * @param topicsReady whether the platform topics were found or made (true when this service does not make them
     *                    and the cluster answered once)
     * @param refusal     why Kafka refuses this service, in words naming the settings to check; null when it does not
     * @param lastError   the last failure of any kind, for operators; null after a success
     */
    public record State(boolean topicsReady, String refusal, String lastError, Instant checkedAt) {
    }

    private final KamConfig config;
    private final KafkaClients kafkaClients;
    private final String bootstrapServers;
    private volatile State state = new State(false, null, "not checked yet", Instant.EPOCH);
    private volatile boolean running;
    private Admin admin;
    private Thread checker;

    KafkaAccess(KamConfig config, KafkaClients kafkaClients, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.kafkaClients = kafkaClients;
        this.bootstrapServers = bootstrapServers;
    }

    public State state() {
        return state;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The first check runs before the service takes requests, so on a healthy cluster the topics exist when it is ready. */
    void onStart(@Observes @Priority(10) StartupEvent event) {
        try {
            admin = kafkaClients.admin(config.service().name() + "-kafka-access", Duration.ofSeconds(15));
        } catch (KafkaException e) {
            // no client can be built with these settings: trying again would not help
            refuse("a Kafka client cannot be built (" + TransientFailures.rootMessage(e) + "); check the kafka.* settings (KAFKA_* variables)", e);
            return;
        }
        check();
        running = true;
        checker = new Thread(this::checkUntilStopped, "kafka-access");
        checker.setDaemon(true);
        checker.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (checker != null) {
            checker.interrupt();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }

    private void checkUntilStopped() {
        while (running) {
            try {
                Thread.sleep((state.topicsReady() && state.refusal() == null ? RECHECK : RETRY).toMillis());
            } catch (InterruptedException e) {
                return;
            }
            check();
        }
    }

    /** One check: the topics while they are not ready, then the cluster's id. */
    void check() {
        try {
            if (!state.topicsReady() && config.kafka().createTopics()) {
                List<Topics.TopicSpec> topics = new ArrayList<>(Topics.platformTopics());
                topics.add(new Topics.TopicSpec(Topics.deadLetter(config.service().name()), Topics.DEAD_LETTER_TOPIC_PARTITIONS, false));
                TopicInitializer.ensureTopics(admin, topics);
            } else {
                admin.describeCluster().clusterId().get(15, TimeUnit.SECONDS);
            }
            if (state.refusal() != null || !state.topicsReady()) {
                LOG.infof("Kafka at %s accepts this service%s", bootstrapServers, config.kafka().createTopics() ? "; its topics are in place" : "");
            }
            state = new State(true, null, null, Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            String refusal = refusal(e);
            if (refusal != null) {
                refuse(refusal, e);
            } else {
                if (state.lastError() == null || !state.topicsReady()) {
                    LOG.warnf("cannot reach Kafka at %s yet (tried again every %d s): %s", bootstrapServers, RETRY.toSeconds(), TransientFailures.rootMessage(e));
                }
                state = new State(state.topicsReady(), null, TransientFailures.rootMessage(e), Instant.now());
            }
        }
    }

    private void refuse(String refusal, Exception failure) {
        if (!refusal.equals(state.refusal())) {
            LOG.errorf("Kafka at %s refuses this service: %s", bootstrapServers, refusal);
        }
        state = new State(state.topicsReady(), refusal, TransientFailures.rootMessage(failure), Instant.now());
    }

    /** What a lasting refusal means, naming the settings to check; null for a failure that may go away by itself. */
    static String refusal(Throwable failure) {
        Throwable cause = lasting(failure);
        if (cause == null) {
            return null;
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof SslAuthenticationException) {
            return "the TLS handshake with Kafka failed (" + message + "); check kafka.ssl.truststore.* (KAFKA_SSL_TRUSTSTORE_*): "
                    + "the trust store must hold the certificate authority of the brokers, whose certificates must name their host";
        }
        if (cause instanceof AuthenticationException) {
            return "Kafka refused this service's credentials (" + message + "); check kafka.sasl.jaas.config and kafka.sasl.mechanism "
                    + "(KAFKA_SASL_JAAS_CONFIG, KAFKA_SASL_MECHANISM)";
        }
        if (cause instanceof AuthorizationException) {
            return "Kafka denies this service's principal (" + message + "); grant it the ACLs the service-foundation README lists";
        }
        return "a Kafka client setting cannot be used (" + message + "); check the kafka.* settings (KAFKA_* variables)";
    }

    /** The cause that will fail the same way every time, or null. */
    private static Throwable lasting(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof AuthenticationException || cause instanceof AuthorizationException || cause instanceof ConfigException) {
                return cause;
            }
            if (cause instanceof KafkaException && cause.getMessage() != null && cause.getMessage().startsWith("Failed to construct")) {
                return cause.getCause() != null ? cause.getCause() : cause;
            }
        }
        return null;
    }
}
