package dev.kam.platform.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * A CRM sync job as the fault suite plays it: each thread owns some customers and upserts them by their
 * Salesforce id one revision after another. Every revision changes the profile (its name) and flips it
 * between a strategic multi-region buyer and a small one, so each accepted change must be scored and must
 * form or dissolve a team. The ledger keeps every accepted revision: the oracle's expectation.
 *
 * <p>In {@link Mode#RETRY_UNTIL_ACCEPTED} a revision is retried (same body) on any error, as a sync job
 * does; in {@link Mode#GIVE_UP_WHEN_REFUSED} a 429 or 503 ends the revision (it must then leave no trace),
 * and only an answer that never came is retried.
 */
final class SyncClient {

    enum Mode { RETRY_UNTIL_ACCEPTED, GIVE_UP_WHEN_REFUSED }

    /** An accepted revision of one customer; {@code profile}: the {@link ProfileFingerprint} of what was sent. */
    record Accepted(int revision, String legalName, boolean strategic, String profile) {
    }

    /** The status of a refusal the client never got: the request hung until its timeout, or its connection broke. */
    static final int NO_ANSWER = -1;

    /** A refusal seen by the client: its status ({@link #NO_ANSWER} for none), how long it took, and its Retry-After. */
    record Refusal(long atMillis, int status, long latencyMillis, String retryAfter) {
    }

    private final Platform platform;
    private final String scenario;
    private final List<String> refs;
    private final String token;
    private final Map<String, List<Accepted>> ledger = new ConcurrentHashMap<>();
    private final Map<String, String> customerIds = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private final List<Refusal> refusals = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final long startedAt = System.currentTimeMillis();
    private ExecutorService threads;
    private final List<Future<?>> running = new ArrayList<>();
    private volatile boolean largeBuyingCentres;

    SyncClient(Platform platform, String scenario, int customers, String subject) {
        this.platform = platform;
        this.scenario = scenario;
        this.token = platform.token(subject, "crm-integration");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            names.add(scenario + "-" + i);
        }
        this.refs = List.copyOf(names);
    }

    /**
     * Every strategic revision carries a buying centre of 200 contacts with long, random names (about 50 KB that does
     * not compress): a legal document whose event is much larger than the others.
     */
    SyncClient withLargeBuyingCentres() {
        largeBuyingCentres = true;
        return this;
    }

    /** Starts {@code threadCount} threads writing at about {@code perSecond} requests per second in all (0: as fast as they can). */
    SyncClient start(int threadCount, double perSecond, Mode mode) {
        threads = Executors.newFixedThreadPool(threadCount);
        for (int t = 0; t < threadCount; t++) {
            List<String> mine = new ArrayList<>();
            for (int i = t; i < refs.size(); i += threadCount) {
                mine.add(refs.get(i));
            }
            long pauseNanos = perSecond <= 0 ? 0 : (long) (threadCount * 1e9 / perSecond);
            running.add(threads.submit(() -> writeLoop(mine, pauseNanos, mode)));
        }
        return this;
    }

    /** Stops starting new revisions and waits until every started one has its answer. */
    void stop() throws Exception {
        stopping.set(true);
        for (Future<?> thread : running) {
            thread.get(5, TimeUnit.MINUTES);
        }
        threads.shutdown();
    }

    private void writeLoop(List<String> mine, long pauseNanos, Mode mode) {
        int[] revisions = new int[mine.size()];
        int next = 0;
        while (!stopping.get()) {
            long began = System.nanoTime();
            int index = next++ % mine.size();
            String ref = mine.get(index);
            int revision = ++revisions[index];
            boolean strategic = ledger.getOrDefault(ref, List.of()).size() % 2 == 0;
            String legalName = "Fault Co " + ref + " rev " + revision;
            String body = body(legalName, strategic);
            if (upsert(ref, body, mode)) {
                ledger.computeIfAbsent(ref, ignored -> Collections.synchronizedList(new ArrayList<>()))
                        .add(new Accepted(revision, legalName, strategic, ProfileFingerprint.of(body)));
            }
            long rest = pauseNanos - (System.nanoTime() - began);
            if (rest > 0) {
                sleep(rest / 1_000_000);
            }
        }
    }

    /** The body this client sent for an accepted revision (the same each time it is made). */
    String sentBody(Accepted accepted) {
        return body(accepted.legalName(), accepted.strategic());
    }

    private String body(String legalName, boolean strategic) {
        String body = strategic ? strategic(legalName) : small(legalName);
        if (strategic && largeBuyingCentres) {
            body = body.replace("\"buyingCenter\": [", "\"buyingCenter\": [" + largeBuyingCentre(legalName) + ", ");
        }
        return body;
    }

    /** @return whether the revision was accepted */
    private boolean upsert(String ref, String body, Mode mode) {
        URI uri = URI.create(platform.baseUrl("customer-service") + "/api/v1/customers/by-external-ref/salesforce/" + ref);
        long backoff = 100;
        while (true) {
            long sent = System.currentTimeMillis();
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                int status = answer.statusCode();
                count(String.valueOf(status));
                if (status == 200 || status == 201) {
                    customerIds.putIfAbsent(ref, answer.body().replaceAll("(?s).*\"id\":\"([0-9a-f-]{36})\".*", "$1"));
                    return true;
                }
                refusals.add(new Refusal(sent - startedAt, status, System.currentTimeMillis() - sent,
                        answer.headers().firstValue("Retry-After").orElse(null)));
                if (status < 500 && status != 429) {
                    throw new AssertionError("the platform refused a valid upsert with " + status + ": " + answer.body());
                }
                if (mode == Mode.GIVE_UP_WHEN_REFUSED && (status == 429 || status == 503)) {
                    return false;
                }
                long retryAfter = answer.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L) * 1000;
                sleep(Math.max(retryAfter > 0 ? Math.min(retryAfter, 2000) : backoff, 50));
            } catch (IOException e) {
                // a request that hangs (its 30 s timeout) or whose connection breaks is an answer the client never got:
                // recorded with the refusals (status -1), so a check of how the platform refuses sees it too
                count("no answer");
                refusals.add(new Refusal(sent - startedAt, NO_ANSWER, System.currentTimeMillis() - sent, null));
                sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            backoff = Math.min(backoff * 2, 2000);
        }
    }

    private void count(String answer) {
        answers.computeIfAbsent(answer, ignored -> new LongAdder()).increment();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --- what the oracle needs ----------------------------------------------------------------------------

    String scenario() {
        return scenario;
    }

    Map<String, List<Accepted>> ledger() {
        return ledger;
    }

    Map<String, String> customerIds() {
        return customerIds;
    }

    long accepted() {
        return ledger.values().stream().mapToLong(List::size).sum();
    }

    Map<String, Long> answers() {
        Map<String, Long> counts = new TreeMap<>();
        answers.forEach((answer, count) -> counts.put(answer, count.sum()));
        return counts;
    }

    List<Refusal> refusals() {
        synchronized (refusals) {
            return List.copyOf(refusals);
        }
    }

    long millisSinceStart() {
        return System.currentTimeMillis() - startedAt;
    }

    /** A large buyer on three continents with a wish for a strategic alliance: a national account. */
    static String strategic(String legalName) {
        return """
                {"legalName": "%s", "industry": "automotive", "headquartersCountry": "DE",
                 "annualPurchasePotential": {"amount": 30000000, "currency": "EUR"},
                 "locations": [{"country": "DE", "region": "Bayern"}, {"country": "US", "region": "Ohio"}, {"country": "CN", "region": "Shanghai"},
                               {"country": "FR", "region": "Île-de-France"}, {"country": "BR", "region": "São Paulo"}, {"country": "JP", "region": "Aichi"}],
                 "operatingUnits": [{"name": "Powertrain"}, {"name": "Chassis"}, {"name": "Electronics"}, {"name": "Aftermarket"}, {"name": "Services"}],
                 "functionalAreas": ["PROCUREMENT", "ENGINEERING", "QUALITY", "OPERATIONS", "FINANCE", "EXECUTIVE"],
                 "selectionCriteria": ["price", "quality", "delivery", "support", "innovation", "sustainability", "payment terms", "local presence", "certification", "references"],
                 "buyingCenter": [{"contactId": "c-1", "roles": ["INITIATOR"]}, {"contactId": "c-2", "roles": ["USER"]}, {"contactId": "c-3", "roles": ["INFLUENCER"]},
                                  {"contactId": "c-4", "roles": ["DECIDER"]}, {"contactId": "c-5", "roles": ["BUYER"]}, {"contactId": "c-6", "roles": ["GATEKEEPER"]},
                                  {"contactId": "c-7", "roles": ["APPROVER"]}, {"contactId": "c-8", "roles": ["USER"]}, {"contactId": "c-9", "roles": ["USER"]},
                                  {"contactId": "c-10", "roles": ["INFLUENCER"]}, {"contactId": "c-11", "roles": ["BUYER"]}, {"contactId": "c-12", "roles": ["USER"]}],
                 "partnershipIntent": "STRATEGIC_ALLIANCE", "supplierStatus": "PREFERRED", "relationshipSince": "2012-01-01"}"""
                .formatted(legalName);
    }

    private static String largeBuyingCentre(String seed) {
        java.util.Random random = new java.util.Random(seed.hashCode());
        StringBuilder contacts = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            StringBuilder name = new StringBuilder();
            for (int c = 0; c < 180; c++) {
                name.append((char) (random.nextBoolean() ? 'a' + random.nextInt(26) : 'A' + random.nextInt(26)));
            }
            contacts.append(i == 0 ? "" : ", ").append("{\"contactId\": \"x-").append(i).append("\", \"name\": \"").append(name)
                    .append("\", \"roles\": [\"USER\"]}");
        }
        return contacts.toString();
    }

    private static String small(String legalName) {
        return """
                {"legalName": "%s", "industry": "retail", "headquartersCountry": "AT",
                 "annualPurchasePotential": {"amount": 40000, "currency": "EUR"},
                 "locations": [{"country": "AT", "region": "Tirol"}],
                 "buyingCenter": [{"contactId": "c-1", "roles": ["BUYER"]}],
                 "partnershipIntent": "NONE", "supplierStatus": "NONE"}""".formatted(legalName);
    }
}
