package dev.kam.bench;

import org.HdrHistogram.Histogram;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static dev.kam.bench.Bench.progress;

/** The scenarios of issue 7, each returning its lines of BENCHMARKS.md and keeping its raw figures. */
final class Scenarios {

    static final int CLIENTS = 16;

    private final BenchPlatform platform;
    private final Bench.Plan plan;
    private final Map<String, Object> raw;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong sequence = new AtomicLong();
    private long customerServicePeakRssUnderLoad = -1;

    Scenarios(BenchPlatform platform, Bench.Plan plan, Map<String, Object> raw) {
        this.platform = platform;
        this.plan = plan;
        this.raw = raw;
    }

    // --- 1. REST single upserts ---------------------------------------------------------------------------

    List<Metric> restUpserts() throws Exception {
        String scenario = "1. REST upserts by external ref, 16 clients";
        JdbcBaselines jdbc = new JdbcBaselines(platform);
        progress(scenario + ": warm-up until the rate is steady (windows of " + plan.warmUp().toSeconds() + " s, at most "
                + plan.maxWarmUp().toSeconds() + " s)");
        progress(scenario + ": warm-up: " + describe(Load.warmUntilSteady(CLIENTS, plan.warmUp(), plan.maxWarmUp(), this::upsertClient)));
        jdbc.singleRowCommits(CLIENTS, plan.warmUp());

        List<Double> platformRates = new ArrayList<>();
        List<Double> baselineRates = new ArrayList<>();
        List<Double> bareRates = new ArrayList<>();
        int barePort = freePort();
        Process bare = startBareApp(barePort);
        try {
            String bareUrl = "http://127.0.0.1:" + barePort + "/customers/";
            progress(scenario + ": warm-up of the bare app: "
                    + describe(Load.warmUntilSteady(CLIENTS, plan.warmUp(), plan.maxWarmUp(), () -> upsertClient(bareUrl))));
            for (int repetition = 1; repetition <= plan.repetitions(); repetition++) {
                RssSampler sampler = new RssSampler(platform.pid("customer-service"));
                RowsWritten rows = RowsWritten.start(platform);
                CpuUse cpu = CpuUse.of(platform.pid("customer-service"));
                CpuUse generator = CpuUse.of(ProcessHandle.current().pid());
                Load.Throughput rest = Load.closedLoop(CLIENTS, plan.measure(), this::upsertClient);
                String restCpu = cpu.describe("customer-service") + String.format("; load generator %.2f cores", generator.cores())
                        + "; " + rows.per(rest.succeeded(), "upsert");
                customerServicePeakRssUnderLoad = Math.max(customerServicePeakRssUnderLoad, sampler.peakMiB());
                Load.Throughput baseline = jdbc.singleRowCommits(CLIENTS, plan.measure());
                Load.Throughput bareRest = Load.closedLoop(CLIENTS, plan.measure(), () -> upsertClient(bareUrl));
                platformRates.add(rest.perSecond());
                baselineRates.add(baseline.perSecond());
                bareRates.add(bareRest.perSecond());
                progress(scenario + ": repetition " + repetition + "/" + plan.repetitions() + ": " + Math.round(rest.perSecond())
                        + " upserts/s (" + rest.failed() + " failed), JDBC " + Math.round(baseline.perSecond()) + " commits/s, bare Quarkus "
                        + Math.round(bareRest.perSecond()) + " upserts/s (" + bareRest.failed() + " failed); during the upserts: " + restCpu);
            }
        } finally {
            bare.destroy();
            bare.waitFor();
        }
        double rate = median(platformRates);
        double baselineRate = median(baselineRates);
        double bareRate = median(bareRates);

        double target = rate / 2;
        Histogram latencies = new Histogram(3);
        List<Double> achieved = new ArrayList<>();
        for (int repetition = 1; repetition <= plan.repetitions(); repetition++) {
            progress(scenario + ": open loop at " + Math.round(target) + "/s for " + plan.latencyRun().toSeconds() + " s, repetition " + repetition);
            Load.Latencies run = Load.openLoop(target, plan.latencyRun(), scheduled -> asyncUpsert());
            latencies.add(run.histogram());
            achieved.add(run.achievedPerSecond());
        }
        double p50 = latencies.getValueAtPercentile(50) / 1e6;
        double p99 = latencies.getValueAtPercentile(99) / 1e6;
        double p999 = latencies.getValueAtPercentile(99.9) / 1e6;
        raw.put("restUpserts", Map.of("platformRates", platformRates, "jdbcRates", baselineRates, "bareQuarkusRates", bareRates, "openLoopRate", target,
                "achievedRates", achieved, "latencyMillis", Map.of("p50", p50, "p90", latencies.getValueAtPercentile(90) / 1e6,
                        "p99", p99, "p99.9", p999, "max", latencies.getMaxValue() / 1e6, "count", latencies.getTotalCount())));
        return List.of(
                new Metric(scenario, "max sustained upserts/s", rate, baselineRate, "/s", ">= 0.25x JDBC (customer + outbox row per commit, 16 connections)", rate >= 0.25 * baselineRate),
                new Metric(scenario, "max sustained upserts/s against a bare Quarkus endpoint", rate, bareRate, "/s",
                        ">= 0.5x bare Quarkus (token check, JSON body, the same two inserts per commit, same pool)", rate >= 0.5 * bareRate),
                new Metric(scenario, "p50 at 50% load (" + Math.round(target) + "/s)", p50, null, "ms", "-", null),
                new Metric(scenario, "p99 at 50% load", p99, null, "ms", "<= 25 ms", p99 <= 25),
                new Metric(scenario, "p99.9 at 50% load", p999, null, "ms", "<= 100 ms", p999 <= 100));
    }

    /** A warm-up's window rates, and whether it ended steady. */
    private String describe(List<Double> warmUpRates) {
        return warmUpRates.stream().map(rate -> String.valueOf(Math.round(rate))).collect(java.util.stream.Collectors.joining(", "))
                + " upserts/s in windows of " + plan.warmUp().toSeconds() + " s, "
                + (Load.steady(warmUpRates) ? "steady" : "still changing at the limit");
    }

    private Load.Call upsertClient() {
        return upsertClient(platform.url("customer-service") + "/api/v1/customers/by-external-ref/salesforce/");
    }

    /** A client that upserts a new customer per call at {@code baseUrl} + its reference, with a token of its own. */
    private Load.Call upsertClient(String baseUrl) {
        String token = platform.token("bench-client-" + sequence.incrementAndGet(), "crm-integration");
        Random random = new Random();
        return () -> {
            String ref = "bench-" + runId + "-" + sequence.incrementAndGet();
            HttpResponse<Void> answer = platform.http.send(upsert(baseUrl, ref, token, random), HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() / 100 == 2;
        };
    }

    /**
     * The bare Quarkus app on {@code port}, answering once it serves: it checks tokens with the platform's key and
     * writes to kam_bench (whose tables {@link JdbcBaselines} creates) through its own pool.
     */
    private Process startBareApp(int port) throws Exception {
        new JdbcBaselines(platform);
        ProcessBuilder bareApp = new ProcessBuilder("java", "-Xmx384m", "-jar",
                platform.root.resolve("bench-bare-app/target/quarkus-app/quarkus-run.jar").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).directory(platform.root.toFile());
        bareApp.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        bareApp.environment().put("KAM_DB_URL", platform.jdbcUrl("kam_bench"));
        bareApp.environment().put("KAM_DB_USER", platform.credentials().getProperty("user"));
        bareApp.environment().put("KAM_DB_PASSWORD", platform.credentials().getProperty("password"));
        bareApp.environment().put("KAM_JWT_PUBLIC_KEY_LOCATION", "file:" + platform.home.resolve("keys/public.pem").toAbsolutePath());
        Process bare = bareApp.start();
        try {
            awaitOk("http://127.0.0.1:" + port + "/hello", null, Duration.ofMinutes(2));
        } catch (Exception e) {
            bare.destroy();
            throw e;
        }
        return bare;
    }

    private final List<String> openLoopTokens = new ArrayList<>();

    private java.util.concurrent.CompletableFuture<Boolean> asyncUpsert() {
        if (openLoopTokens.isEmpty()) {
            for (int i = 0; i < CLIENTS; i++) {
                openLoopTokens.add(platform.token("bench-open-" + i, "crm-integration"));
            }
        }
        long n = sequence.incrementAndGet();
        String ref = "bench-" + runId + "-" + n;
        return platform.http.sendAsync(upsert(platform.url("customer-service") + "/api/v1/customers/by-external-ref/salesforce/", ref,
                        openLoopTokens.get((int) (n % CLIENTS)), new Random(n)), HttpResponse.BodyHandlers.discarding())
                .thenApply(answer -> answer.statusCode() / 100 == 2);
    }

    private HttpRequest upsert(String baseUrl, String ref, String token, Random random) {
        return HttpRequest.newBuilder(URI.create(baseUrl + ref))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Customers.profile(ref, random))).build();
    }

    // --- 2. NDJSON bulk import ----------------------------------------------------------------------------

    List<Metric> bulkImport() throws Exception {
        String scenario = "2. NDJSON import of " + plan.importRows() + " customers";
        JdbcBaselines jdbc = new JdbcBaselines(platform);
        String token = platform.token("bench-import", "crm-integration");
        progress(scenario + ": warm-up with " + plan.importRows() / 20 + " lines");
        importLines(token, plan.importRows() / 20);
        jdbc.batchInsert(plan.importRows() / 20, 500);
        List<Double> platformRates = new ArrayList<>();
        List<Double> baselineRates = new ArrayList<>();
        for (int repetition = 1; repetition <= plan.repetitions(); repetition++) {
            RowsWritten rows = RowsWritten.start(platform);
            CpuUse cpu = CpuUse.of(platform.pid("customer-service"));
            CpuUse generator = CpuUse.of(ProcessHandle.current().pid());
            double rate = importLines(token, plan.importRows());
            String importCpu = cpu.describe("customer-service") + String.format("; load generator %.2f cores", generator.cores())
                    + "; " + rows.per(plan.importRows(), "line");
            jdbc.truncate();
            double baseline = jdbc.batchInsert(plan.importRows(), 500);
            platformRates.add(rate);
            baselineRates.add(baseline);
            progress(scenario + ": repetition " + repetition + "/" + plan.repetitions() + ": " + Math.round(rate)
                    + " rows/s (" + importCpu + "), JDBC batch " + Math.round(baseline) + " rows/s");
        }
        raw.put("bulkImport", Map.of("rows", plan.importRows(), "platformRowsPerSecond", platformRates, "jdbcBatchRowsPerSecond", baselineRates));
        double rate = median(platformRates);
        double baseline = median(baselineRates);
        return List.of(new Metric(scenario, "rows/s", rate, baseline, "/s", ">= 0.25x JDBC batch insert (reWriteBatchedInserts, 500 per commit)",
                rate >= 0.25 * baseline));
    }

    /** Streams {@code rows} new customers as NDJSON; rows accepted per second. */
    private double importLines(String token, int rows) throws IOException, InterruptedException {
        String batch = "import-" + runId + "-" + sequence.incrementAndGet();
        Random random = new Random(rows);
        Enumeration<InputStream> lines = new Enumeration<>() {
            int line = 0;

            @Override
            public boolean hasMoreElements() {
                return line < rows;
            }

            @Override
            public InputStream nextElement() {
                line++;
                return new ByteArrayInputStream((Customers.profile(batch + "-" + line, random) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        };
        // as a CRM submits a large file: an import job, from the upload until the job is done
        long start = System.nanoTime();
        String jobs = platform.url("customer-service") + "/api/v1/customer-import-jobs";
        HttpResponse<String> answer = platform.http.send(HttpRequest.newBuilder(URI.create(jobs))
                .timeout(Duration.ofMinutes(30)).header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(lines))).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("the import job answered " + answer.statusCode() + ": "
                    + answer.body().substring(0, Math.min(500, answer.body().length())));
        }
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String job = jobs + "/" + json.readTree(answer.body()).path("id").asText();
        com.fasterxml.jackson.databind.JsonNode progress;
        do {
            sleep(200);
            progress = json.readTree(platform.http.send(HttpRequest.newBuilder(URI.create(job)).header("Authorization", "Bearer " + token)
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        } while (!progress.path("status").asText().equals("DONE"));
        double seconds = (System.nanoTime() - start) / 1e9;
        if (progress.path("processed").asLong() != rows || progress.path("rejected").asLong() != 0) {
            throw new IllegalStateException("the import job ended with " + progress);
        }
        return rows / seconds;
    }

    // --- 3. the pipeline from a loaded topic ---------------------------------------------------------------

    List<Metric> pipeline() throws Exception {
        String scenario = "3. pipeline: " + plan.pipelineEvents() + " customer events -> scores -> designations -> teams";
        JdbcBaselines jdbc = new JdbcBaselines(platform);
        List<Double> rates = new ArrayList<>();
        List<Double> consumerRates = new ArrayList<>();
        List<Double> jdbcRates = new ArrayList<>();
        try (KafkaBench kafka = new KafkaBench(platform.kafkaBootstrap())) {
            // The consumers skip what scenarios 1 and 2 left (an offset moves only while its group has no member),
            // once: restarting them for every repetition measured JVMs compiling their hot paths, not the platform
            // (jstat: about 120 s of JIT compiler time per service in a repetition of three and a half minutes).
            progress(scenario + ": consumers skip what earlier scenarios left");
            platform.kam("stop", "scoring-service");
            platform.kam("stop", "team-coordination-service");
            kafka.skipToEnd("scoring-service", "kam.customer.events");
            kafka.skipToEnd("team-coordination-service.customer-events", "kam.customer.events");
            kafka.skipToEnd("team-coordination-service.scoring-events", "kam.scoring.events");
            platform.kam("start", "scoring-service");
            platform.kam("start", "team-coordination-service");
            int warmUpEvents = plan.pipelineEvents() / 2;
            progress(scenario + ": warm-up with " + warmUpEvents + " events");
            kafka.produceRegistrations(warmUpEvents, 0.2);
            awaitPipelineSettled(kafka, scenario);
            for (int repetition = 1; repetition <= plan.repetitions(); repetition++) {
                Map<org.apache.kafka.common.TopicPartition, Long> from = kafka.endOffsets("kam.customer.events");
                RowsWritten rows = RowsWritten.start(platform);
                PlatformCpu cpu = PlatformCpu.start(platform, "scoring-service", "team-coordination-service");
                long start = System.nanoTime();
                kafka.produceRegistrations(plan.pipelineEvents(), 0.2);
                awaitPipelineSettled(kafka, scenario);
                double rate = plan.pipelineEvents() / ((System.nanoTime() - start) / 1e9);
                String pipelineCpu = cpu.describe() + "; " + rows.per(plan.pipelineEvents(), "event");
                double consumerRate = kafka.consumeRate("kam.customer.events", from);
                jdbc.truncate();
                double jdbcRate = jdbc.batchInsert(plan.pipelineEvents(), 500);
                rates.add(rate);
                consumerRates.add(consumerRate);
                jdbcRates.add(jdbcRate);
                progress(scenario + ": repetition " + repetition + "/" + plan.repetitions() + ": " + Math.round(rate)
                        + " events/s end to end; plain consumer " + Math.round(consumerRate) + "/s, JDBC batch " + Math.round(jdbcRate) + " rows/s; "
                        + "meanwhile " + pipelineCpu);
            }
        }
        raw.put("pipeline", Map.of("events", plan.pipelineEvents(), "platformEventsPerSecond", rates,
                "plainConsumerRecordsPerSecond", consumerRates, "jdbcBatchRowsPerSecond", jdbcRates));
        double rate = median(rates);
        double baseline = Math.min(median(consumerRates), median(jdbcRates));
        return List.of(new Metric(scenario, "events/s through all consumers", rate, baseline, "/s",
                ">= 0.2x min(plain consumer, JDBC batch insert)", rate >= 0.2 * baseline));
    }

    private void awaitPipelineSettled(KafkaBench kafka, String scenario) throws Exception {
        long lastReport = System.nanoTime();
        while (true) {
            long scoring = kafka.lag("scoring-service", "kam.customer.events");
            long teamCustomers = kafka.lag("team-coordination-service.customer-events", "kam.customer.events");
            long teamScores = kafka.lag("team-coordination-service.scoring-events", "kam.scoring.events");
            long outboxes = unpublished("kam_scoring") + unpublished("kam_team");
            if (scoring + teamCustomers + teamScores + outboxes == 0) {
                return;
            }
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                progress(scenario + ": waiting: scoring lag " + scoring + ", team lags " + teamCustomers + " + " + teamScores
                        + ", unpublished " + outboxes);
                lastReport = System.nanoTime();
            }
            sleep(500);
        }
    }

    /**
     * Events the relay has still to send, counted through the outbox's partial indexes (pending, parked): the outbox keeps what it
     * published, and counting {@code published_at IS NULL} alone scanned all of it twice a second (0.9 s on three
     * cores at 800,000 rows), which took the cores the pipeline was measured on.
     */
    private long unpublished(String database) throws java.sql.SQLException {
        try (java.sql.Connection connection = platform.database(database);
             java.sql.ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT (SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND parked_at IS NULL AND dropped_at IS NULL)"
                             + " + (SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND parked_at IS NOT NULL AND dropped_at IS NULL)")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    // --- 4. end-to-end latency ----------------------------------------------------------------------------

    /** At 200 changes/s (p50 and p99 to the formed team), then at 100 (p99). */
    List<Metric> endToEnd() throws Exception {
        List<Metric> metrics = new ArrayList<>(endToEnd(200, 60, 300));
        endToEnd(100, null, 150).stream().filter(metric -> metric.goal().startsWith("<=")).forEach(metrics::add);
        return metrics;
    }

    private List<Metric> endToEnd(double rate, Integer formedP50Goal, int formedP99Goal) throws Exception {
        String scenario = "4. end-to-end latency at " + Math.round(rate) + " changes/s";
        Histogram designated = new Histogram(3);
        Histogram formed = new Histogram(3);
        Histogram baseline = new Histogram(3);
        // Several token subjects: one subject at 200/s would meet the per-subject rate limit (200/s) and measure refusals.
        List<String> tokens = java.util.stream.IntStream.range(0, 4).mapToObj(i -> platform.token("bench-e2e-" + i, "crm-integration")).toList();
        for (int repetition = 1; repetition <= plan.repetitions(); repetition++) {
            Map<String, Long> sentAt = new java.util.concurrent.ConcurrentHashMap<>();
            Map<String, Long> designatedAt = new java.util.concurrent.ConcurrentHashMap<>();
            Map<String, Long> formedAt = new java.util.concurrent.ConcurrentHashMap<>();
            AtomicBoolean watching = new AtomicBoolean(true);
            Thread watcher;
            long refused;
            try (KafkaBench kafka = new KafkaBench(platform.kafkaBootstrap())) {
                org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]> consumer = kafka.consumer();
                List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
                partitions.addAll(kafka.endOffsets("kam.scoring.events").keySet());
                partitions.addAll(kafka.endOffsets("kam.team.events").keySet());
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                watcher = new Thread(() -> {
                    try (consumer) {
                        while (watching.get()) {
                            for (org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(5))) {
                                long now = System.nanoTime();
                                org.apache.kafka.common.header.Header type = record.headers().lastHeader("ce_type");
                                String ceType = type == null ? "" : new String(type.value(), StandardCharsets.UTF_8);
                                if (ceType.equals("kam.scoring.key-account-designated.v1")) {
                                    designatedAt.putIfAbsent(record.key(), now);
                                } else if (ceType.equals("kam.team.formed.v1")) {
                                    formedAt.putIfAbsent(record.key(), now);
                                }
                            }
                        }
                    }
                }, "e2e-watcher");
                watcher.start();
                progress(scenario + ": open loop for " + plan.latencyRun().toSeconds() + " s, repetition " + repetition);
                refused = Load.openLoop(rate, plan.latencyRun(), scheduled -> {
                    long n = sequence.incrementAndGet();
                    String ref = "e2e-" + runId + "-" + n;
                    HttpRequest request = HttpRequest.newBuilder(URI.create(platform.url("customer-service") + "/api/v1/customers/by-external-ref/salesforce/" + ref))
                            .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + tokens.get((int) (n % tokens.size())))
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(Customers.strategic(ref))).build();
                    return platform.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(answer -> {
                        if (answer.statusCode() / 100 != 2) {
                            return false;
                        }
                        sentAt.put(answer.body().replaceAll("(?s)^.*?\"id\":\"([0-9a-f-]{36})\".*$", "$1"), scheduled);
                        return true;
                    });
                }).failed();
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while ((formedAt.size() < sentAt.size() || designatedAt.size() < sentAt.size()) && System.nanoTime() < deadline) {
                    sleep(200);
                }
                watching.set(false);
                watcher.join();
                baseline.add(kafka.endToEndLatency(rate, plan.latencyRun()));
            }
            for (Map.Entry<String, Long> sent : sentAt.entrySet()) {
                Long d = designatedAt.get(sent.getKey());
                Long f = formedAt.get(sent.getKey());
                designated.recordValue(d == null ? Duration.ofSeconds(90).toNanos() : Math.max(1, d - sent.getValue()));
                formed.recordValue(f == null ? Duration.ofSeconds(90).toNanos() : Math.max(1, f - sent.getValue()));
            }
            progress(scenario + ": repetition " + repetition + ": " + sentAt.size() + " changes (" + refused + " refused), " + designatedAt.size()
                    + " designated, " + formedAt.size() + " teams formed");
        }
        double basePercentile50 = baseline.getValueAtPercentile(50) / 1e6;
        double formed50 = formed.getValueAtPercentile(50) / 1e6;
        double formed99 = formed.getValueAtPercentile(99) / 1e6;
        raw.put(rate == 200 ? "endToEnd" : "endToEnd" + Math.round(rate), Map.of("rate", rate,
                "designatedMillis", percentiles(designated), "teamFormedMillis", percentiles(formed), "kafkaEndToEndMillis", percentiles(baseline)));
        return List.of(
                new Metric(scenario, "REST call -> key-account-designated on Kafka, p50", designated.getValueAtPercentile(50) / 1e6, basePercentile50, "ms", "-", null),
                new Metric(scenario, "REST call -> key-account-designated on Kafka, p99", designated.getValueAtPercentile(99) / 1e6,
                        baseline.getValueAtPercentile(99) / 1e6, "ms", "-", null),
                new Metric(scenario, "REST call -> team FORMING (its formed event on Kafka), p50", formed50, basePercentile50, "ms",
                        formedP50Goal == null ? "-" : "<= " + formedP50Goal + " ms", formedP50Goal == null ? null : formed50 <= formedP50Goal),
                new Metric(scenario, "REST call -> team FORMING, p99", formed99, baseline.getValueAtPercentile(99) / 1e6, "ms",
                        "<= " + formedP99Goal + " ms", formed99 <= formedP99Goal));
    }

    private static Map<String, Double> percentiles(Histogram histogram) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (double p : new double[]{50, 90, 99, 99.9}) {
            values.put("p" + p, histogram.getValueAtPercentile(p) / 1e6);
        }
        values.put("max", histogram.getMaxValue() / 1e6);
        values.put("count", (double) histogram.getTotalCount());
        return values;
    }

    // --- 5. rescoring after a model activation ----------------------------------------------------------

    List<Metric> rescore() throws Exception {
        int customers = plan.rescoreCustomers();
        String scenario = "5. activate a new model: rescore " + customers + " customers";
        String salesOps = platform.token("bench-sales-ops", "sales-ops");
        String viewer = platform.token("bench-viewer", "viewer");
        String probe = seedScoredCustomers(customers, scenario);
        String scoreUrl = platform.url("scoring-service") + "/api/v1/scores/" + probe;
        Load.AsyncCall read = scheduled -> platform.http.sendAsync(HttpRequest.newBuilder(URI.create(scoreUrl))
                        .header("Authorization", "Bearer " + viewer).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).thenApply(answer -> answer.statusCode() == 200);
        try (KafkaBench kafka = new KafkaBench(platform.kafkaBootstrap())) {
            progress(scenario + ": waiting until earlier scenarios' events are processed, so idle means idle");
            awaitPipelineSettled(kafka, scenario);
        }
        progress(scenario + ": live reads while idle, after a warm-up of the read path");
        Load.openLoop(20, plan.warmUp(), read); // not recorded: the first reads of a fresh service run interpreted
        Load.Latencies idle = Load.openLoop(20, plan.latencyRun(), read);

        List<Double> rates = new ArrayList<>();
        Histogram during = new Histogram(3);
        for (int repetition = 1; repetition <= plan.repetitions(); repetition++) {
            if (repetition > 1) {
                try (KafkaBench kafka = new KafkaBench(platform.kafkaBootstrap())) {
                    progress(scenario + ": waiting until the last rescore's events are published and consumed");
                    awaitPipelineSettled(kafka, scenario);
                }
            }
            double weight = 0.30 + 0.05 * (repetition % 3);
            // the active model with other weights: a draft of the shape the service expects, whatever it is
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            com.fasterxml.jackson.databind.JsonNode models = json.readTree(platform.get(platform.url("scoring-service") + "/api/v1/scoring-models", viewer).body());
            com.fasterxml.jackson.databind.node.ObjectNode definition = null;
            for (com.fasterxml.jackson.databind.JsonNode model : models) {
                if (model.path("status").asText().equals("ACTIVE")) {
                    definition = (com.fasterxml.jackson.databind.node.ObjectNode) model.get("definition").deepCopy();
                }
            }
            if (definition == null) {
                throw new IllegalStateException("no active scoring model: " + models);
            }
            definition.putObject("weights").put("purchasePotential", Math.round(weight * 100) / 100.0)
                    .put("buyingComplexity", Math.round((0.75 - weight) * 100) / 100.0).put("partnershipOrientation", 0.25);
            com.fasterxml.jackson.databind.node.ObjectNode draftNode = json.createObjectNode().put("description", "bench " + repetition);
            draftNode.set("definition", definition);
            String draft = draftNode.toString();
            HttpResponse<String> created = platform.http.send(HttpRequest.newBuilder(URI.create(platform.url("scoring-service") + "/api/v1/scoring-models"))
                    .header("Authorization", "Bearer " + salesOps).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(draft)).build(), HttpResponse.BodyHandlers.ofString());
            String version = created.body().replaceAll("(?s)^.*?\"version\":(\\d+).*$", "$1");
            RowsWritten rows = RowsWritten.start(platform);
            PlatformCpu cpu = PlatformCpu.start(platform, "scoring-service", "team-coordination-service");
            long start = System.nanoTime();
            HttpResponse<String> activated = platform.http.send(HttpRequest.newBuilder(URI.create(platform.url("scoring-service")
                            + "/api/v1/scoring-models/" + version + "/activate")).header("Authorization", "Bearer " + salesOps)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (activated.statusCode() != 202) {
                throw new IllegalStateException("activation answered " + activated.statusCode() + ": " + activated.body());
            }
            String job = activated.headers().firstValue("Location").orElseThrow();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread reader = new Thread(() -> {
                while (running.get()) {
                    try {
                        during.add(Load.openLoop(20, Duration.ofSeconds(5), read).histogram());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "live-reads");
            reader.start();
            String status = "RUNNING";
            long total = 0;
            long lastReport = System.nanoTime();
            while (status.equals("RUNNING")) {
                sleep(1000);
                String body = platform.get(job.startsWith("http") ? job : platform.url("scoring-service") + job, viewer).body();
                status = body.replaceAll("(?s)^.*?\"status\":\"([A-Z]+)\".*$", "$1");
                total = Long.parseLong(body.replaceAll("(?s)^.*?\"total\":(\\d+).*$", "$1"));
                if (System.nanoTime() - lastReport > 10_000_000_000L) {
                    progress(scenario + ": " + body.replaceAll("(?s)^.*?\"done\":(\\d+).*$", "$1") + " of " + total + " rescored");
                    lastReport = System.nanoTime();
                }
            }
            double rate = total / ((System.nanoTime() - start) / 1e9);
            String rescoreCpu = cpu.describe();
            running.set(false);
            reader.join();
            rates.add(rate);
            progress(scenario + ": repetition " + repetition + "/" + plan.repetitions() + ": " + status + ", " + Math.round(rate) + " customers/s; "
                    + "meanwhile " + rescoreCpu + "; " + rows.per(total, "customer"));
        }
        double baseline = keysetReadAndBatchedUpdate();
        progress(scenario + ": JDBC keyset read + batched update " + Math.round(baseline) + " rows/s");
        double rate = median(rates);
        double idle99 = idle.percentileMillis(99);
        double during99 = during.getValueAtPercentile(99) / 1e6;
        raw.put("rescore", Map.of("customers", customers, "platformRowsPerSecond", rates, "jdbcRowsPerSecond", baseline,
                "liveReadIdleMillis", percentiles(idle.histogram()), "liveReadDuringMillis", percentiles(during)));
        return List.of(
                new Metric(scenario, "customers rescored/s", rate, baseline, "/s", ">= 0.5x JDBC keyset read + batched update", rate >= 0.5 * baseline),
                new Metric(scenario, "live GET /scores p99 during the rescore", during99, idle99, "ms", "<= 2x idle p99", during99 <= 2 * idle99));
    }

    /** Clones a scored customer's facts and score {@code count} times, straight into kam_scoring; returns one id. */
    private String seedScoredCustomers(int count, String scenario) throws Exception {
        try (java.sql.Connection connection = platform.database("kam_scoring"); java.sql.Statement statement = connection.createStatement()) {
            java.sql.ResultSet existing = statement.executeQuery("SELECT count(*) FROM customer_facts");
            existing.next();
            long have = existing.getLong(1);
            if (have == 0) {
                throw new IllegalStateException("scenario 5 clones scored customers: run scenario 3 or 4 first");
            }
            if (have < count) {
                progress(scenario + ": seeding " + (count - have) + " scored customers in kam_scoring");
                statement.execute("""
                        CREATE TEMP TABLE seed AS SELECT gen_random_uuid() AS customer_id FROM generate_series(1, %d);
                        INSERT INTO customer_facts (customer_id, facts, event_sequence, archived, updated_at)
                            SELECT seed.customer_id, f.facts, 1, false, now() FROM seed, (SELECT facts FROM customer_facts LIMIT 1) f;
                        INSERT INTO customer_score (customer_id, model_version, total, confidence, computed_tier, tier, designation, regions, explanation, scored_at)
                            SELECT seed.customer_id, s.model_version, s.total, s.confidence, s.computed_tier, s.tier, s.designation, s.regions, s.explanation, now()
                            FROM seed, (SELECT * FROM customer_score LIMIT 1) s;
                        DROP TABLE seed; ANALYZE customer_facts; ANALYZE customer_score""".formatted(count - have));
            }
            java.sql.ResultSet one = statement.executeQuery("SELECT customer_id FROM customer_score LIMIT 1");
            one.next();
            return one.getString(1);
        }
    }

    /** What a rescore does at the database, with plain JDBC: keyset pages of 500 read, each updated in one batch. */
    private double keysetReadAndBatchedUpdate() throws Exception {
        long rows = 0;
        long start = System.nanoTime();
        java.util.Properties properties = platform.credentials();
        properties.setProperty("reWriteBatchedInserts", "true");
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(platform.jdbcUrl("kam_scoring"), properties);
             java.sql.PreparedStatement page = connection.prepareStatement(
                     "SELECT customer_id, facts FROM customer_facts WHERE customer_id > ? ORDER BY customer_id LIMIT 500");
             java.sql.PreparedStatement update = connection.prepareStatement("UPDATE customer_score SET scored_at = ? WHERE customer_id = ?")) {
            connection.setAutoCommit(false);
            UUID last = new UUID(0, 0);
            while (true) {
                page.setObject(1, last);
                List<UUID> ids = new ArrayList<>();
                try (java.sql.ResultSet result = page.executeQuery()) {
                    while (result.next()) {
                        ids.add(result.getObject(1, UUID.class));
                        result.getString(2);
                    }
                }
                if (ids.isEmpty()) {
                    break;
                }
                java.sql.Timestamp now = new java.sql.Timestamp(System.currentTimeMillis());
                for (UUID id : ids) {
                    update.setTimestamp(1, now);
                    update.setObject(2, id);
                    update.addBatch();
                }
                update.executeBatch();
                connection.commit();
                rows += ids.size();
                last = ids.get(ids.size() - 1);
            }
        }
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    // --- 6. startup and memory ----------------------------------------------------------------------------

    List<Metric> startupAndMemory() throws Exception {
        String scenario = "6. startup and resident memory";
        List<Double> serviceStartups = new ArrayList<>();
        List<Long> serviceRss = new ArrayList<>();
        List<Double> bareStartups = new ArrayList<>();
        List<Long> bareRss = new ArrayList<>();
        long bareRssUnderLoad = -1;
        for (int repetition = 1; repetition <= plan.repetitions(); repetition++) {
            int port = freePort();
            long start = System.nanoTime();
            ProcessBuilder kam = new ProcessBuilder(platform.root.resolve("kam").toString(), "start", "customer-service@9")
                    .directory(platform.root.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            kam.environment().put("KAM_HOME", platform.home.toString());
            kam.environment().put("KAM_INSTANCE_PORT", String.valueOf(port));
            Process starting = kam.start();
            String viewer = platform.token("bench-viewer", "viewer");
            awaitOk("http://127.0.0.1:" + port + "/api/v1/service-info", viewer, Duration.ofMinutes(3));
            serviceStartups.add((System.nanoTime() - start) / 1e6);
            starting.waitFor();
            sleep(2000);
            serviceRss.add(BenchPlatform.residentMiB(platform.pid("customer-service@9")));
            platform.kam("stop", "customer-service@9");

            int barePort = freePort();
            start = System.nanoTime();
            Process bare = startBareApp(barePort);
            ProcessHandle handle = bare.toHandle();
            try {
                bareStartups.add((System.nanoTime() - start) / 1e6);
                sleep(2000);
                bareRss.add(BenchPlatform.residentMiB(handle.pid()));
                if (repetition == plan.repetitions()) {
                    RssSampler sampler = new RssSampler(handle.pid());
                    String bareUrl = "http://127.0.0.1:" + barePort + "/customers/";
                    Load.closedLoop(CLIENTS, plan.measure(), () -> upsertClient(bareUrl));
                    bareRssUnderLoad = sampler.peakMiB();
                }
            } finally {
                bare.destroy();
                bare.waitFor();
            }
            progress(scenario + ": repetition " + repetition + ": customer-service first answer after " + Math.round(serviceStartups.get(repetition - 1))
                    + " ms, bare app " + Math.round(bareStartups.get(repetition - 1)) + " ms");
        }
        raw.put("startupAndMemory", Map.of("customerServiceStartupMillis", serviceStartups, "bareStartupMillis", bareStartups,
                "customerServiceRssMiB", serviceRss, "bareRssMiB", bareRss, "customerServicePeakRssUnderScenario1MiB", customerServicePeakRssUnderLoad,
                "barePeakRssUnderLoadMiB", bareRssUnderLoad));
        double startup = median(serviceStartups);
        double bareStartup = median(bareStartups);
        double rss = medianLong(serviceRss);
        double bareIdle = medianLong(bareRss);
        List<Metric> metrics = new ArrayList<>(List.of(
                new Metric(scenario, "startup to first served request (customer-service)", startup, bareStartup, "ms", "<= 2x bare Quarkus REST app", startup <= 2 * bareStartup),
                new Metric(scenario, "RSS after start", rss, bareIdle, "MiB", "<= 2x bare app", rss <= 2 * bareIdle)));
        if (customerServicePeakRssUnderLoad > 0 && bareRssUnderLoad > 0) {
            metrics.add(new Metric(scenario, "RSS under scenario 1 load (peak)", customerServicePeakRssUnderLoad, (double) bareRssUnderLoad, "MiB",
                    "<= 2x bare app under the same 16 clients", customerServicePeakRssUnderLoad <= 2 * bareRssUnderLoad));
        }
        return metrics;
    }

    private void awaitOk(String url, String token, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (platform.get(url, token).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(url + " did not answer within " + timeout);
            }
            sleep(20);
        }
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double medianLong(List<Long> values) {
        return median(values.stream().map(Long::doubleValue).toList());
    }

    static void sleepNanos(long nanos) {
        try {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
