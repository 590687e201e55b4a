package io.baifang.contactpolicy;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Decisions per second on Redis from one client, batched: the production store (one compact record per
 * customer, one script per decision, batches pipelined) beside the obvious design (one script per customer
 * over a sorted set per window), on the same workload, pipelined the same way, in the same run.
 *
 * <p>Workload: a month of dispatch. {@code customers} customers, each attempted at 0 h, 10 h, 3 d, 4 d, 8 d,
 * 16 d and 24 d: under the shipped caps (1 a day, 2 a week, 4 in 30 days) four are allowed and three refused,
 * one by each window, so every window and both paths of each design are exercised. Loopback Redis only;
 * every key written is deleted at the end. Run it with {@code scripts/bench-contact-policy.sh}.
 */
public final class ContactPolicyBenchmark {

    private static final String OBVIOUS_SCRIPT = """
            -- KEYS: one sorted set per window; ARGV[1] now, ARGV[2] a unique member, then window and max per key
            local now = tonumber(ARGV[1])
            for i = 1, #KEYS do
              redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - tonumber(ARGV[2 * i + 1]))
              if redis.call('ZCARD', KEYS[i]) + 1 > tonumber(ARGV[2 * i + 2]) then return i end
            end
            for i = 1, #KEYS do
              redis.call('ZADD', KEYS[i], now, ARGV[2])
              redis.call('PEXPIRE', KEYS[i], ARGV[2 * i + 1])
            end
            return 0
            """;

    private final int customers;
    private final int rounds;
    private final int batch;
    private final int inFlight;
    private final Duration deadline;

    private ContactPolicyBenchmark(int customers, int rounds, int batch, int inFlight, Duration deadline) {
        this.customers = customers;
        this.rounds = rounds;
        this.batch = batch;
        this.inFlight = inFlight;
        this.deadline = deadline;
    }

    public static void main(String[] args) throws Exception {
        String host = env("BAIFANG_TEST_REDIS_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("BAIFANG_TEST_REDIS_PORT", "6379"));
        if (!InetAddress.getByName(host).isLoopbackAddress()) {
            throw new IllegalArgumentException("the benchmark runs against a loopback Redis only, not " + host);
        }
        ContactPolicyBenchmark benchmark = new ContactPolicyBenchmark(
                intArg(args, 0, 30_000), Workload.OFFSETS.size(), intArg(args, 1, 1_000), intArg(args, 2, 4),
                Duration.ofSeconds(120));
        RedisClient client = RedisClient.create(RedisURI.create(host, port));
        try {
            benchmark.run(client);
        } finally {
            client.shutdown();
        }
    }

    private void run(RedisClient client) {
        ContactRules rules = new ContactRules(ContactPolicyFile.load(ContactPolicyFixture.CONFIG_DIR));
        String prefix = "bench:" + UUID.randomUUID().toString().substring(0, 8);
        System.out.printf("contact-policy benchmark: %,d customers × %d rounds = %,d decisions per design, "
                + "batches of %,d, %d batches in flight, Redis at loopback%n", customers, rounds,
                (long) customers * rounds, batch, inFlight);
        try (StatefulRedisConnection<String, String> compactConnection = client.connect(StringCodec.UTF8);
                StatefulRedisConnection<String, String> obviousConnection = client.connect(StringCodec.UTF8);
                StatefulRedisConnection<String, String> admin = client.connect(StringCodec.UTF8)) {
            RedisContactCounters compact = new RedisContactCounters(compactConnection, rules, prefix + ":compact",
                    Duration.ofSeconds(30));
            compact.markRecovered(Instant.now()).block();
            ObviousDesign obvious = new ObviousDesign(obviousConnection, prefix + ":obvious", rules.settings());
            try {
                // a full-size warm-up on other customers, so both designs run JIT-compiled with their scripts
                // loaded: shorter warm-ups measured the compiler, not the designs
                measure("warm-up", new Workload(customers, rounds), compact, obvious);
                // each design runs twice on fresh customers, alternating, so neither always pays for the other's
                // keys growing Redis's tables; the better run of each counts
                Measured compactBest = null;
                Measured obviousBest = null;
                for (int run = 0; run < 2; run++) {
                    Measured c = measured(admin, () -> measureCompact(compact, new Workload(customers, rounds)));
                    Measured o = measured(admin, () -> measureObvious(obvious, new Workload(customers, rounds)));
                    compactBest = compactBest == null || c.rate() > compactBest.rate() ? c : compactBest;
                    obviousBest = obviousBest == null || o.rate() > obviousBest.rate() ? o : obviousBest;
                }
                double compactRate = compactBest.rate();
                double obviousRate = obviousBest.rate();
                System.out.printf("compact record, one script per decision, pipelined: %,10.0f decisions/s  %s%n",
                        compactRate, compactBest.costs());
                System.out.printf("obvious design (sorted set per window), pipelined:  %,10.0f decisions/s  %s%n",
                        obviousRate, obviousBest.costs());
                System.out.printf("ratio: %.2f×%n", compactRate / obviousRate);
            } finally {
                long deleted = deleteKeys(admin, prefix + ":*");
                System.out.printf("cleaned up %,d keys under %s:*%n", deleted, prefix);
            }
        }
    }

    /** Every customer attempted once per round, at these offsets from the start. */
    private record Workload(List<UUID> customers, int rounds, Instant start) {

        static final List<Duration> OFFSETS = List.of(Duration.ZERO, Duration.ofHours(10), Duration.ofDays(3),
                Duration.ofDays(4), Duration.ofDays(8), Duration.ofDays(16), Duration.ofDays(24));

        /** Allowed: 0 h, 3 d, 8 d, 16 d. Refused: 10 h (marketing-1d), 4 d (marketing-7d), 24 d (marketing-30d). */
        static final int ALLOWED_PER_CUSTOMER = 4;

        Workload(int customers, int rounds) {
            this(newCustomers(customers), rounds, Instant.parse("2026-03-02T02:00:00Z"));
        }

        private static List<UUID> newCustomers(int count) {
            List<UUID> customers = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                customers.add(UUID.randomUUID());
            }
            return customers;
        }

        Instant roundTime(int round) {
            return start.plus(OFFSETS.get(round));
        }

        long decisions() {
            return (long) customers.size() * rounds;
        }
    }

    private void measure(String label, Workload workload, RedisContactCounters compact, ObviousDesign obvious) {
        measureCompact(compact, workload);
        measureObvious(obvious, workload);
        System.out.println(label + " done");
    }

    /** A rate with what it cost: CPU of this client and of Redis, per decision. */
    private record Measured(double rate, double clientMicros, double redisMicros) {

        String costs() {
            return String.format("(CPU a decision: client %.1f µs, Redis %.1f µs)", clientMicros, redisMicros);
        }
    }

    private Measured measured(StatefulRedisConnection<String, String> admin, java.util.function.DoubleSupplier run) {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long clientBefore = os.getProcessCpuTime();
        double redisBefore = redisCpuSeconds(admin);
        double rate = run.getAsDouble();
        double decisions = (double) customers * rounds;
        double clientMicros = (os.getProcessCpuTime() - clientBefore) / 1e3 / decisions;
        double redisMicros = (redisCpuSeconds(admin) - redisBefore) * 1e6 / decisions;
        return new Measured(rate, clientMicros, redisMicros);
    }

    /** CPU Redis has used so far (user + system), from INFO cpu. */
    private static double redisCpuSeconds(StatefulRedisConnection<String, String> admin) {
        double seconds = 0;
        for (String line : admin.sync().info("cpu").split("\\r?\\n")) {
            if (line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:")) {
                seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return seconds;
    }

    private double measureCompact(RedisContactCounters store, Workload workload) {
        AtomicLong allowed = new AtomicLong();
        long started = System.nanoTime();
        for (int round = 0; round < workload.rounds(); round++) {
            Instant now = workload.roundTime(round);
            Flux.fromIterable(chunks(workload.customers()))
                    .flatMap(chunk -> store.reserveAll(attempts(chunk), now)
                            .filter(ContactDecision::isAllowed)
                            .count(), inFlight)
                    .doOnNext(allowed::addAndGet)
                    .blockLast(deadline);
        }
        return rate(workload, started, "compact", allowed.get());
    }

    private double measureObvious(ObviousDesign obvious, Workload workload) {
        AtomicLong allowed = new AtomicLong();
        long started = System.nanoTime();
        for (int round = 0; round < workload.rounds(); round++) {
            Instant now = workload.roundTime(round);
            Flux.fromIterable(chunks(workload.customers()))
                    .flatMap(chunk -> obvious.decideAll(chunk, now), inFlight)
                    .doOnNext(allowed::addAndGet)
                    .blockLast(deadline);
        }
        return rate(workload, started, "obvious", allowed.get());
    }

    private static double rate(Workload workload, long startedNanos, String design, long allowed) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        long expectedAllowed = workload.customers().size() * (long) Workload.ALLOWED_PER_CUSTOMER;
        if (allowed != expectedAllowed) {
            throw new IllegalStateException(design + " allowed " + allowed + ", expected " + expectedAllowed);
        }
        return workload.decisions() / seconds;
    }

    private List<List<UUID>> chunks(List<UUID> customers) {
        List<List<UUID>> chunks = new ArrayList<>();
        for (int from = 0; from < customers.size(); from += batch) {
            chunks.add(customers.subList(from, Math.min(customers.size(), from + batch)));
        }
        return chunks;
    }

    private static List<ContactAttempt> attempts(List<UUID> customers) {
        List<ContactAttempt> attempts = new ArrayList<>(customers.size());
        customers.forEach(customer -> attempts.add(ContactAttempt.marketing(customer, Channel.SMS)));
        return attempts;
    }

    /** The design the issue measures against: a sorted set per window per customer, one script per customer. */
    private static final class ObviousDesign {

        private final StatefulRedisConnection<String, String> connection;
        private final RedisAsyncCommands<String, String> commands;
        private final String prefix;
        private final List<String> capArgs = new ArrayList<>();
        private final String sha;
        private final AtomicLong members = new AtomicLong();

        ObviousDesign(StatefulRedisConnection<String, String> connection, String prefix, ContactPolicySettings settings) {
            this.connection = connection;
            this.commands = connection.async();
            this.prefix = prefix;
            settings.caps().forEach(cap -> {
                capArgs.add(Long.toString(cap.window().toMillis()));
                capArgs.add(Integer.toString(cap.max()));
            });
            this.sha = connection.sync().scriptLoad(OBVIOUS_SCRIPT);
            connection.setAutoFlushCommands(false);
        }

        /** Sends a chunk pipelined; emits how many were allowed. */
        Mono<Long> decideAll(List<UUID> customers, Instant now) {
            List<RedisFuture<Long>> replies = new ArrayList<>(customers.size());
            for (UUID customer : customers) {
                replies.add(commands.evalsha(sha, ScriptOutputType.INTEGER, keys(customer), args(now)));
            }
            connection.flushCommands();
            CompletableFuture<?>[] futures = replies.stream().map(RedisFuture::toCompletableFuture)
                    .toArray(CompletableFuture[]::new);
            return Mono.fromCompletionStage(CompletableFuture.allOf(futures))
                    .then(Mono.fromSupplier(() -> replies.stream().filter(reply -> reply.toCompletableFuture().join() == 0).count()));
        }

        private String[] keys(UUID customer) {
            String base = prefix + ":{c:" + customer + "}:";
            return new String[] {base + "1d", base + "7d", base + "30d"};
        }

        private String[] args(Instant now) {
            String[] args = new String[2 + capArgs.size()];
            args[0] = Long.toString(now.toEpochMilli());
            args[1] = now.toEpochMilli() + ":" + members.incrementAndGet();
            for (int i = 0; i < capArgs.size(); i++) {
                args[2 + i] = capArgs.get(i);
            }
            return args;
        }
    }

    private static long deleteKeys(StatefulRedisConnection<String, String> admin, String pattern) {
        admin.setAutoFlushCommands(true);
        ScanIterator<String> keys = ScanIterator.scan(admin.sync(), ScanArgs.Builder.matches(pattern).limit(1_000));
        List<String> chunk = new ArrayList<>();
        long deleted = 0;
        while (keys.hasNext()) {
            chunk.add(keys.next());
            if (chunk.size() == 1_000) {
                deleted += admin.sync().unlink(chunk.toArray(String[]::new));
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            deleted += admin.sync().unlink(chunk.toArray(String[]::new));
        }
        return deleted;
    }

    private static int intArg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
