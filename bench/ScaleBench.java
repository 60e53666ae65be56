import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.agent.inbound.CommandVerifier;
import dev.faultline.common.command.ChaosCommand;
import dev.faultline.common.command.CommandSignatures;
import dev.faultline.common.command.HaltAll;
import dev.faultline.common.command.InjectFault;
import dev.faultline.common.command.RenewLease;
import dev.faultline.common.command.RevertFault;
import dev.faultline.common.delivery.MessageDeduplicator;
import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.FaultReverted;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.target.ContainerInfo;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.topic.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A thousand hosts against one real orchestrator: many light simulated agents in this one JVM, speaking the real
 * contract over the real Kafka, and one experiment fanned out to one target on each of them.
 *
 * <p>Each simulated agent has its own id, a hostname, an inventory of containers (that exist only in its heartbeats)
 * and its own instance of the agent's {@link CommandVerifier}, the injector-agent's class itself: a command is acted
 * on only when its Ed25519 signature verifies with the orchestrator's public key, it is valid now and its nonce is
 * new, exactly as in the agent. It sends an {@link AgentHeartbeat} every interval (phases spread evenly over the
 * interval, as independent hosts' would be), answers InjectFault with {@link FaultInjected} and RevertFault (or the
 * end of the fault's duration, or HaltAll) with {@link FaultReverted}, and touches no container.
 *
 * <p>What is shared, and so lighter than a thousand real agents: one Kafka consumer reads chaos-commands for all of
 * them and hands each record to the agent its key names (every agent for the broadcast key), where a real agent reads
 * and verifies every record of the topic itself; one producer sends for all of them. The orchestrator sees the same
 * records either way.
 *
 * <p>Measured:
 * <ul>
 * <li>fanout: from the wave's planned instant (the run's injectAt; warm-up 0, so the instant the orchestrator
 * accepted the run) to the instant the last InjectFault reached its agent's consumer, on this host's one clock;</li>
 * <li>heartbeat lag: the orchestrator's agents API gives, per agent, when its directory received the latest
 * heartbeat (lastHeartbeat) and when the agent sent it (heartbeatSentAt); polled every second, each distinct
 * heartbeat seen counts once: lag = lastHeartbeat - heartbeatSentAt (one host, one clock: no skew);</li>
 * <li>the orchestrator's CPU, from utime + stime of /proc/PID/stat, as a share of one core over the window.</li>
 * </ul>
 *
 * <p>Usage: ScaleBench bootstrap topicPrefix orchestratorUrl token publicKeyPem orchestratorPid agents
 * containersPerAgent idPrefix steadySeconds runSeconds partitions clockTicks
 */
public final class ScaleBench {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
    private static final String VICTIM_LABEL = "scale.role";
    private static final int WARMUP_SECONDS = 15;

    public static void main(String[] args) throws Exception {
        if (args.length != 13) {
            throw new IllegalArgumentException("usage: ScaleBench bootstrap topicPrefix orchestratorUrl token "
                    + "publicKeyPem orchestratorPid agents containersPerAgent idPrefix steadySeconds runSeconds "
                    + "partitions clockTicks");
        }
        Settings settings = new Settings(args[0], args[1], URI.create(args[2]), args[3], Path.of(args[4]),
                Long.parseLong(args[5]), Integer.parseInt(args[6]), Integer.parseInt(args[7]), args[8],
                Integer.parseInt(args[9]), Integer.parseInt(args[10]), Integer.parseInt(args[11]),
                Long.parseLong(args[12]));
        int code = new ScaleBench(settings).run();
        System.exit(code);
    }

    record Settings(String bootstrap, String topicPrefix, URI orchestrator, String token, Path publicKey, long pid,
            int agents, int containersPerAgent, String idPrefix, int steadySeconds, int runSeconds, int partitions,
            long clockTicks) {

        String commandsTopic() {
            return topicPrefix + Topics.COMMANDS;
        }

        String eventsTopic() {
            return topicPrefix + Topics.EVENTS;
        }
    }

    private final Settings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, SimulatedAgent> agents = new LinkedHashMap<>();
    private final Map<String, Instant> injectReceived = new ConcurrentHashMap<>();
    private final Map<String, Instant> revertReceived = new ConcurrentHashMap<>();
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicInteger renewals = new AtomicInteger();
    private final AtomicLong verifyNanos = new AtomicLong();
    private final AtomicInteger verified = new AtomicInteger();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger faithfulVerified = new AtomicInteger();
    private final AtomicInteger faithfulVerifiedBeforeOwn = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicReference<Instant> faithfulOwnInject =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicReference<Instant> lastInjectedSent =
            new java.util.concurrent.atomic.AtomicReference<>(Instant.EPOCH);
    private KafkaProducer<String, String> producer;
    /** When a consumer of this bench first could read each heartbeat from Kafka: splits the lag in two hops. */
    private final Map<String, Instant> heartbeatReadable = new ConcurrentHashMap<>();

    ScaleBench(Settings settings) {
        this.settings = settings;
    }

    int run() throws Exception {
        PublicKey key = CommandSignatures.readPublicKey(settings.publicKey());
        createTopics();
        producer = new KafkaProducer<>(producerProperties());
        for (int i = 0; i < settings.agents(); i++) {
            SimulatedAgent agent = new SimulatedAgent(String.format("%s-agent-%04d", settings.idPrefix(), i),
                    settings.containersPerAgent(), key);
            agents.put(agent.id, agent);
        }
        // One single-thread lane per share of the agents: an agent's commands stay in order (as in its partition),
        // and the verifications of different agents run side by side, as they would on their own hosts.
        int lanes = Math.max(2, Runtime.getRuntime().availableProcessors());
        List<ExecutorService> agentLanes = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            agentLanes.add(Executors.newSingleThreadExecutor());
        }
        Thread consumer = startCommandConsumer(agentLanes);
        Thread witness = startHeartbeatWitness();
        Thread faithful = startFaithfulAgent(key);
        ScheduledExecutorService heartbeats = Executors.newScheduledThreadPool(2);
        long phaseStepMicros = HEARTBEAT_INTERVAL.toNanos() / 1000 / settings.agents();
        int n = 0;
        for (SimulatedAgent agent : agents.values()) {
            heartbeats.scheduleAtFixedRate(agent::beat, n++ * phaseStepMicros, HEARTBEAT_INTERVAL.toNanos() / 1000,
                    TimeUnit.MICROSECONDS);
        }
        ScheduledExecutorService reverts = Executors.newSingleThreadScheduledExecutor();
        for (SimulatedAgent agent : agents.values()) {
            agent.reverts = reverts;
        }
        try {
            return measure();
        } finally {
            stopping.set(true);
            heartbeats.shutdownNow();
            reverts.shutdownNow();
            consumer.join(5000);
            witness.join(5000);
            faithful.join(5000);
            agentLanes.forEach(ExecutorService::shutdownNow);
            producer.close(Duration.ofSeconds(5));
            // The topics go in bench/scale.sh's clean-up, after the orchestrator (ScaleBenchCleanup).
        }
    }

    private int measure() throws Exception {
        log("%d simulated agents x %d containers, heartbeats every %s, topics %s*, orchestrator %s (pid %d)",
                settings.agents(), settings.containersPerAgent(), HEARTBEAT_INTERVAL, settings.topicPrefix(),
                settings.orchestrator(), settings.pid());
        awaitAllLive(Duration.ofSeconds(90));

        LagSampler lag = new LagSampler();
        // A thousand agents appearing at once meet a cold orchestrator (JIT, a consumer catching up from its join):
        // its backlog is reported here and kept out of the steady and run figures.
        lag.sampleFor(Duration.ofSeconds(WARMUP_SECONDS));
        List<Long> warmup = lag.takeSamples();
        log("warm-up (%d s, not counted): %d heartbeats seen, lag p50 %d ms p99 %d ms max %d ms", WARMUP_SECONDS,
                warmup.size(), percentile(warmup, 50), percentile(warmup, 99), percentile(warmup, 100));
        CpuSample steadyStart = CpuSample.now(settings.pid());
        lag.sampleFor(Duration.ofSeconds(settings.steadySeconds()));
        CpuSample steadyEnd = CpuSample.now(settings.pid());
        List<Long> steadyLags = lag.takeSamples();
        long scrapeStart = System.nanoTime();
        HttpResponse<String> metrics = api("GET", "/q/metrics", null, null);
        log("one scrape of /q/metrics (a series per agent among them): HTTP %d, %d KB in %d ms",
                metrics.statusCode(), metrics.body().length() / 1024,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - scrapeStart));
        double steadyCpu = steadyStart.percentOfOneCoreUntil(steadyEnd, settings.clockTicks());
        log("steady (heartbeats only, %d s): %d heartbeats seen, lag p50 %d ms p99 %d ms max %d ms; orchestrator "
                + "CPU %.1f %% of one core", settings.steadySeconds(), steadyLags.size(), percentile(steadyLags, 50),
                percentile(steadyLags, 99), percentile(steadyLags, 100), steadyCpu);

        // The run: one step, one target on every agent, a lasting fault the agents only pretend to apply.
        CpuSample runStart = CpuSample.now(settings.pid());
        CpuSample benchStart = CpuSample.now(ProcessHandle.current().pid());
        Instant posted = CLOCK.instant();
        // The POST returns once the orchestrator has sent the wave; the directory is sampled meanwhile.
        java.util.concurrent.CompletableFuture<HttpResponse<String>> post =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return api("POST", "/api/v1/runs", experiment(), "application/yaml");
                    } catch (Exception e) {
                        throw new IllegalStateException("POST /api/v1/runs: " + e.getMessage(), e);
                    }
                });
        Instant runDeadline = posted.plusSeconds(settings.runSeconds());
        lag.sampleUntil(() -> post.isCompletedExceptionally()
                || (post.isDone() && post.join().statusCode() != 201)
                || injectReceived.size() >= settings.agents(), Duration.ofSeconds(60));
        HttpResponse<String> started = post.get(180, TimeUnit.SECONDS);
        Instant answered = CLOCK.instant();
        if (started.statusCode() != 201) {
            String body = started.body();
            log("the orchestrator refused the run: HTTP %d %s", started.statusCode(),
                    body.length() > 400 ? body.substring(0, 400) + "..." : body);
            System.out.printf("agents=%d targets=0 fanout_ms=-1 heartbeat_lag_p99_ms=%d orchestrator_cpu_pct=-1%n",
                    settings.agents(), percentile(steadyLags, 99));
            return 1;
        }
        JsonNode view = ChaosJson.messages().readTree(started.body());
        String runId = view.path("runId").asText();
        Instant injectAt = Instant.parse(view.path("injectAt").asText());
        int planned = view.path("plan").size();
        log("run %s: %d faults planned, injectAt %s (%d ms after the POST was sent); POST answered after %d ms "
                + "or less", runId, planned, injectAt, Duration.between(posted, injectAt).toMillis(),
                Duration.between(posted, answered).toMillis());
        int received = injectReceived.size();
        lag.sampleFor(Duration.between(CLOCK.instant(), runDeadline));
        CpuSample runEnd = CpuSample.now(settings.pid());
        double benchCpu = benchStart.percentOfOneCoreUntil(CpuSample.now(ProcessHandle.current().pid()),
                settings.clockTicks());
        List<Long> runLags = lag.takeSamples();
        double runCpu = runStart.percentOfOneCoreUntil(runEnd, settings.clockTicks());

        List<Long> fromPlanned = injectReceived.values().stream()
                .map(at -> Duration.between(injectAt, at).toMillis()).sorted().toList();
        long fanout = fromPlanned.isEmpty() ? -1 : fromPlanned.get(fromPlanned.size() - 1);
        long fromPost = injectReceived.values().stream().map(at -> Duration.between(posted, at).toMillis())
                .max(Long::compare).orElse(-1L);
        log("fan-out: %d of %d InjectFault received; from the planned instant p50 %d ms, p99 %d ms, last %d ms "
                + "(from the POST: last %d ms); signature checks %d, mean %.0f us, %d rejected; lease renewals seen "
                + "by every agent: %d", received, planned, percentile(fromPlanned, 50), percentile(fromPlanned, 99),
                fanout, fromPost, verified.get(), verified.get() == 0 ? 0.0 : verifyNanos.get() / 1000.0 / verified.get(),
                rejected.get(), renewals.get() / Math.max(1, settings.agents()));
        Instant own = faithfulOwnInject.get();
        log("a real agent (reads and verifies every command record, as CommandConsumer does): its own InjectFault "
                + "verified %s ms after the planned instant, as record no. %d it verified since the bench began "
                + "(%d in all so far; every signature check is the agent's CPU)", own == null ? "(not yet)" : Duration.between(injectAt, own).toMillis(),
                faithfulVerifiedBeforeOwn.get(), faithfulVerified.get());
        log("run window (%.1f s from the POST): %d heartbeats seen, lag p50 %d ms p99 %d ms max %d ms; orchestrator "
                + "CPU %.1f %% of one core (this simulator of all the agents: %.1f %%)",
                (runEnd.nanos() - runStart.nanos()) / 1e9, runLags.size(), percentile(runLags, 50),
                percentile(runLags, 99), percentile(runLags, 100), runCpu, benchCpu);
        int injectedSeen = awaitRunCount(runId, "injected", planned, Duration.ofSeconds(30));
        log("the orchestrator's run holds %d FaultInjected, all of them (or the timeout) %d ms after the last was sent",
                injectedSeen, Duration.between(lastInjectedSent.get(), CLOCK.instant()).toMillis());

        // The end: abort, every lasting fault reverted on request, every FaultReverted back at the orchestrator.
        Instant abortAt = CLOCK.instant();
        HttpResponse<String> aborted = api("POST", "/api/v1/runs/" + runId + "/abort?reason=scale-bench-done", "",
                "text/plain");
        if (aborted.statusCode() != 200) {
            log("abort refused: HTTP %d %s", aborted.statusCode(), aborted.body());
        }
        awaitCondition(() -> revertReceived.size() >= planned, Duration.ofSeconds(30));
        long revertFanout = revertReceived.values().stream().map(at -> Duration.between(abortAt, at).toMillis())
                .max(Long::compare).orElse(-1L);
        int revertedSeen = awaitRunCount(runId, "reverted", planned, Duration.ofSeconds(30));
        log("abort: %d of %d RevertFault received, the last %d ms after the abort request; the orchestrator's run "
                + "holds %d FaultReverted", revertReceived.size(), planned, revertFanout, revertedSeen);

        List<Long> allLags = new ArrayList<>(steadyLags);
        allLags.addAll(runLags);
        allLags.sort(null);
        long lagP99 = percentile(allLags, 99);
        boolean complete = received == planned && planned == settings.agents() && rejected.get() == 0
                && injectedSeen == planned && revertedSeen == planned && !allLags.isEmpty();
        boolean goals = fanout >= 0 && fanout <= 2000 && lagP99 <= 1000;
        if (!complete) {
            log("INCOMPLETE: planned %d, received %d, rejected %d, injected at the orchestrator %d, reverted %d",
                    planned, received, rejected.get(), injectedSeen, revertedSeen);
        } else if (!goals) {
            log("GOAL MISSED: every command within 2000 ms (was %d), heartbeat lag p99 <= 1000 ms (was %d)", fanout,
                    lagP99);
        }
        System.out.printf("agents=%d targets=%d fanout_ms=%d heartbeat_lag_p99_ms=%d orchestrator_cpu_pct=%.1f%n",
                settings.agents(), planned, fanout, lagP99, runCpu);
        return complete && goals ? 0 : 1;
    }

    private String experiment() {
        return """
                name: scale-%s
                description: one lasting fault on one target of each of %d simulated agents (bench/scale.sh)
                duration: 5m
                steadyState:
                  warmup: 0s
                  probes:
                    - {name: never-probed, type: tcp, host: 127.0.0.1, port: 9, interval: 1s}
                faults:
                  - target:
                      selector: {labels: {%s: victim, scale.bench: %s}}
                      count: %d
                      mode: fixed
                    fault: {type: container-pause}
                """.formatted(settings.idPrefix(), settings.agents(), VICTIM_LABEL, settings.idPrefix(),
                settings.agents());
    }

    // ---- the simulated agents ---------------------------------------------------------------------------------

    private final class SimulatedAgent {
        final String id;
        final String hostname;
        final List<ContainerInfo> inventory;
        final CommandVerifier verifier;
        final MessageDeduplicator recent = new MessageDeduplicator(MessageDeduplicator.DEFAULT_CAPACITY);
        final Map<String, InjectFault> active = new HashMap<>();
        ScheduledExecutorService reverts;

        SimulatedAgent(String id, int containers, PublicKey key) {
            this.id = id;
            this.hostname = id + ".hosts.invalid";
            List<ContainerInfo> list = new ArrayList<>();
            for (int c = 0; c < containers; c++) {
                Map<String, String> labels = new HashMap<>();
                labels.put(ContainerInfo.OPT_IN_LABEL, "true");
                labels.put("scale.bench", settings.idPrefix());
                labels.put(VICTIM_LABEL, c == 0 ? "victim" : "bystander");
                labels.put("com.docker.compose.project", "scale");
                String name = String.format("%s-c%d", id, c);
                // 64 hex digits, as Docker's ids: the size of what a heartbeat, a command and an event carry.
                String containerId = String.format("%056x%08x", id.hashCode() & 0xffffffffL, c);
                list.add(new ContainerInfo(containerId, name, "scale/sim:" + c, "running", labels,
                        "label " + ContainerInfo.OPT_IN_LABEL + "=true"));
            }
            this.inventory = List.copyOf(list);
            this.verifier = new CommandVerifier(Optional.of(key), Duration.ofSeconds(5), Duration.ofMinutes(5), CLOCK);
        }

        void beat() {
            if (stopping.get()) {
                return;
            }
            send(AgentHeartbeat.of(id, hostname, HEARTBEAT_INTERVAL, inventory, CLOCK.instant()));
        }

        /** As the agent's CommandConsumer and CommandRouter: verify, then act once per message id. */
        synchronized void handle(String payload, Instant receivedAt, boolean addressed) {
            long t0 = System.nanoTime();
            CommandVerifier.Verdict verdict = verifier.verify(payload);
            verifyNanos.addAndGet(System.nanoTime() - t0);
            verified.incrementAndGet();
            if (verdict instanceof CommandVerifier.Rejected r) {
                rejected.incrementAndGet();
                log("agent %s REJECTED a command: %s: %s", id, r.reason(), r.detail());
                return;
            }
            ChaosCommand command = ((CommandVerifier.Accepted) verdict).command();
            if (!addressed || !recent.firstSeen(command.messageId())) {
                return;
            }
            if (command instanceof InjectFault inject) {
                injectReceived.putIfAbsent(inject.faultId(), receivedAt);
                active.put(inject.faultId(), inject);
                Instant now = CLOCK.instant();
                send(FaultInjected.of(inject.runId(), inject.faultId(), inject.fault().type(), inject.target(), now, 0,
                        now));
                lastInjectedSent.accumulateAndGet(now, (a, b) -> a.isAfter(b) ? a : b);
                if (inject.fault().lasting() && !inject.duration().isZero()) {
                    reverts.schedule(() -> revert(inject.faultId(), "duration-ended"), inject.duration().toMillis(),
                            TimeUnit.MILLISECONDS);
                }
            } else if (command instanceof RevertFault revert) {
                revertReceived.putIfAbsent(revert.faultId(), receivedAt);
                revert(revert.faultId(), "requested");
            } else if (command instanceof HaltAll) {
                new ArrayList<>(active.keySet()).forEach(faultId -> revert(faultId, "halted"));
            } else if (command instanceof RenewLease) {
                renewals.incrementAndGet();
            }
        }

        synchronized void revert(String faultId, String cause) {
            InjectFault fault = active.remove(faultId);
            if (fault == null) {
                return; // reverting what is not active is harmless
            }
            Instant now = CLOCK.instant();
            send(FaultReverted.of(fault.runId(), faultId, fault.fault().type(), fault.target(), now, cause, now));
        }
    }

    private void send(ChaosEvent event) {
        producer.send(new ProducerRecord<>(settings.eventsTopic(), event.key(), ChaosJson.write(event)));
    }

    private Thread startCommandConsumer(List<ExecutorService> lanes) throws InterruptedException {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties());
        consumer.subscribe(List.of(settings.commandsTopic()));
        AtomicBoolean assigned = new AtomicBoolean();
        List<SimulatedAgent> all = List.copyOf(agents.values());
        Map<String, Integer> laneOf = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            laneOf.put(all.get(i).id, i % lanes.size());
        }
        Thread thread = new Thread(() -> {
            try (consumer) {
                while (!stopping.get()) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                    if (!consumer.assignment().isEmpty()) {
                        assigned.set(true);
                    }
                    Instant receivedAt = CLOCK.instant();
                    for (ConsumerRecord<String, String> record : records) {
                        String payload = record.value();
                        if (Topics.BROADCAST_KEY.equals(record.key())) {
                            for (SimulatedAgent agent : all) {
                                lanes.get(laneOf.get(agent.id)).execute(() -> agent.handle(payload, receivedAt, true));
                            }
                        } else {
                            SimulatedAgent agent = agents.get(record.key());
                            if (agent != null) {
                                lanes.get(laneOf.get(agent.id)).execute(() -> agent.handle(payload, receivedAt, true));
                            }
                        }
                    }
                }
            }
        }, "scale-commands");
        thread.setDaemon(true);
        thread.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!assigned.get()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no partition of " + settings.commandsTopic() + " assigned in 60 s");
            }
            Thread.sleep(100);
        }
        return thread;
    }

    /**
     * Reads chaos-events as the orchestrator does (a consumer group of its own) and notes when each heartbeat became
     * readable: sent -> readable is the producer's and the broker's share of the lag, readable -> directory the
     * orchestrator's (its consumer's fetch, its event handling, anything queued before the heartbeat).
     */
    private Thread startHeartbeatWitness() {
        Properties p = consumerProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.idPrefix() + "-witness");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        consumer.subscribe(List.of(settings.eventsTopic()));
        Thread thread = new Thread(() -> {
            try (consumer) {
                while (!stopping.get()) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                    Instant readable = CLOCK.instant();
                    for (ConsumerRecord<String, String> record : records) {
                        if (record.key() == null || !agents.containsKey(record.key())) {
                            continue; // fault events are keyed by run id
                        }
                        try {
                            JsonNode event = ChaosJson.messages().readTree(record.value());
                            if ("agent-heartbeat".equals(event.path("type").asText())) {
                                heartbeatReadable.put(heartbeatKey(event.path("agentId").asText(),
                                        event.path("timestamp").asText()), readable);
                            }
                        } catch (Exception e) {
                            log("witness: unreadable event: %s", e.getMessage());
                        }
                    }
                }
            }
        }, "scale-witness");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * What the shared consumer saves the simulated agents, measured for one of them: a real agent reads every record
     * of chaos-commands (a consumer group of its own) and verifies each signature before it looks at the address
     * (CommandConsumer, CommandRouter). This consumer does exactly that for the last agent's id, acting on nothing,
     * and notes when that agent's own InjectFault came out of its verification and how many records it verified.
     */
    private Thread startFaithfulAgent(PublicKey key) {
        Properties p = consumerProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.idPrefix() + "-faithful");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        consumer.subscribe(List.of(settings.commandsTopic()));
        CommandVerifier verifier = new CommandVerifier(Optional.of(key), Duration.ofSeconds(5), Duration.ofMinutes(5),
                CLOCK);
        // The last agent by id: its target is the last in the plan's order (by container name), so its command is
        // the last of the wave, behind every other record the real agent verifies first.
        String me = List.copyOf(agents.keySet()).get(agents.size() - 1);
        Thread thread = new Thread(() -> {
            try (consumer) {
                while (!stopping.get()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        CommandVerifier.Verdict verdict = verifier.verify(record.value());
                        faithfulVerified.incrementAndGet();
                        if (verdict instanceof CommandVerifier.Accepted accepted
                                && accepted.command() instanceof InjectFault inject && me.equals(inject.agentId())) {
                            faithfulOwnInject.compareAndSet(null, CLOCK.instant());
                            faithfulVerifiedBeforeOwn.set(faithfulVerified.get());
                        }
                    }
                }
            }
        }, "scale-faithful-agent");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String heartbeatKey(String agentId, String sentAt) {
        return agentId + "@" + Instant.parse(sentAt);
    }

    // ---- Kafka ----------------------------------------------------------------------------------------------

    private Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, settings.idPrefix() + "-agents");
        return p;
    }

    private Properties consumerProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.idPrefix() + "-agents");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return p;
    }

    private Properties adminProperties() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        return p;
    }

    /** This bench's own topics, created up front so that no client waits on auto-creation. */
    private void createTopics() throws Exception {
        try (Admin admin = Admin.create(adminProperties())) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.ALL.stream().map(t -> settings.topicPrefix() + t)
                    .filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, settings.partitions(), (short) 1)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    // ---- the orchestrator's API -----------------------------------------------------------------------------

    private HttpResponse<String> api(String method, String path, String body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.orchestrator().resolve(path))
                .timeout(Duration.ofSeconds(180)).header("Authorization", "Bearer " + settings.token());
        if (method.equals("GET")) {
            request.GET();
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode agentsView() throws Exception {
        HttpResponse<String> response = api("GET", "/api/v1/agents", null, null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /api/v1/agents: HTTP " + response.statusCode());
        }
        return ChaosJson.messages().readTree(response.body());
    }

    private void awaitAllLive(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int live = 0;
        while (System.nanoTime() < deadline) {
            live = 0;
            for (JsonNode agent : agentsView()) {
                if (agent.path("live").asBoolean() && agents.containsKey(agent.path("agentId").asText())) {
                    live++;
                }
            }
            if (live == settings.agents()) {
                log("the orchestrator sees all %d agents live (GET /api/v1/agents: %d KB)", live,
                        api("GET", "/api/v1/agents", null, null).body().length() / 1024);
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the orchestrator saw only " + live + " of " + settings.agents()
                + " agents live within " + timeout);
    }

    /** How many entries the run's list {@code field} holds once it reaches {@code wanted}, or at the timeout. */
    private int awaitRunCount(String runId, String field, int wanted, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int count = 0;
        while (true) {
            HttpResponse<String> response = api("GET", "/api/v1/runs/" + runId, null, null);
            if (response.statusCode() == 200) {
                count = ChaosJson.messages().readTree(response.body()).path(field).size();
            }
            if (count >= wanted || System.nanoTime() > deadline) {
                return count;
            }
            Thread.sleep(500);
        }
    }

    private static void awaitCondition(java.util.function.BooleanSupplier done, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /**
     * Samples the directory once a second. A heartbeat is identified by (agent, sent instant), so one seen in two
     * polls counts once; with 1 Hz heartbeats and 1 s polls almost every heartbeat is seen.
     */
    private final class LagSampler {
        private final Set<String> seen = new HashSet<>();
        private final List<Long> samples = new ArrayList<>();
        private final List<Long> toReadable = new ArrayList<>();
        private final List<Long> readableToDirectory = new ArrayList<>();

        void sampleFor(Duration window) throws Exception {
            sampleUntil(() -> false, window);
        }

        void sampleUntil(java.util.function.BooleanSupplier done, Duration window) throws Exception {
            long deadline = System.nanoTime() + Math.max(0, window.toNanos());
            long next = System.nanoTime();
            while (!done.getAsBoolean() && System.nanoTime() < deadline) {
                if (System.nanoTime() >= next) {
                    poll();
                    next += TimeUnit.SECONDS.toNanos(1);
                }
                Thread.sleep(10);
            }
        }

        private void poll() throws Exception {
            for (JsonNode agent : agentsView()) {
                String id = agent.path("agentId").asText();
                JsonNode sent = agent.path("heartbeatSentAt");
                if (!agents.containsKey(id) || sent.isMissingNode() || sent.isNull()) {
                    continue;
                }
                String key = heartbeatKey(id, sent.asText());
                if (seen.add(key)) {
                    Instant sentAt = Instant.parse(sent.asText());
                    Instant inDirectory = Instant.parse(agent.path("lastHeartbeat").asText());
                    samples.add(Duration.between(sentAt, inDirectory).toMillis());
                    Instant readable = heartbeatReadable.get(key);
                    if (readable != null) {
                        toReadable.add(Duration.between(sentAt, readable).toMillis());
                        readableToDirectory.add(Duration.between(readable, inDirectory).toMillis());
                    }
                }
            }
        }

        /** The lags sampled since the last call, sorted; logs their split into hops. */
        List<Long> takeSamples() {
            List<Long> taken = sortedCopy(samples);
            List<Long> first = sortedCopy(toReadable);
            List<Long> second = sortedCopy(readableToDirectory);
            log("  heartbeat hops: sent -> readable from Kafka p50 %d ms p99 %d ms; readable -> orchestrator's "
                    + "directory p50 %d ms p99 %d ms (%d of %d heartbeats seen by the witness consumer too)",
                    percentile(first, 50), percentile(first, 99), percentile(second, 50), percentile(second, 99),
                    first.size(), taken.size());
            samples.clear();
            toReadable.clear();
            readableToDirectory.clear();
            return taken;
        }

        private static List<Long> sortedCopy(List<Long> values) {
            List<Long> copy = new ArrayList<>(values);
            copy.sort(null);
            return copy;
        }
    }

    // ---- figures ----------------------------------------------------------------------------------------------

    /** CPU time of a process from /proc/PID/stat (utime + stime, in clock ticks) at a wall-clock instant. */
    record CpuSample(long ticks, long nanos) {
        static CpuSample now(long pid) throws Exception {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            return new CpuSample(utime + stime, System.nanoTime());
        }

        double percentOfOneCoreUntil(CpuSample end, long clockTicks) {
            double cpuSeconds = (end.ticks - ticks) / (double) clockTicks;
            double wallSeconds = (end.nanos - nanos) / 1e9;
            return wallSeconds <= 0 ? 0 : 100.0 * cpuSeconds / wallSeconds;
        }
    }

    /** The p-th percentile (nearest rank) of sorted values; -1 for none. */
    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static void log(String format, Object... args) {
        System.out.printf("%s %s%n", CLOCK.instant(), String.format(format, args));
        System.out.flush();
    }
}
