package io.tidewater.bench.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.GroupVersionResource;
import io.tidewater.apiserver.ApiProfiles;
import io.tidewater.apiserver.ApiServer;
import io.tidewater.apiserver.storage.ResourceStorage;
import io.tidewater.apiserver.storage.WriteOptions;
import io.tidewater.store.Store;
import io.tidewater.store.embedded.EmbeddedStore;
import io.tidewater.store.etcd.EtcdStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.parsetools.RecordParser;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * The API server benchmark: a federation API server on the embedded store (on disk) or on etcd,
 * driven over real loopback HTTP/1.1 by a pool of keep-alive connections (Vert.x's HTTP client,
 * which costs the shared cores far less than the JDK's). Measures GETs/s, writes/s (creates and
 * updates), the latency of a LIST of 10,000 objects, the latency of one watch event fanned out to
 * 1,000 watchers, and the heap used. Every loop is bounded by time or count.
 *
 * <pre>
 * bench/apiserver.sh                      # both stores, defaults
 * bench/apiserver.sh --store=embedded --seconds=5 --only=get,write
 * </pre>
 */
public final class ApiServerBench {
  private static final String TOKEN = "bench";
  private static final GroupVersionResource CONFIG_MAPS = new GroupVersionResource("", "v1", "configmaps");
  private static final String PAYLOAD = "x".repeat(700);
  private static final int WATCH_WARMUP_EVENTS = 50;

  private final Options options;
  private final ServerUnderTest sut;
  private final Vertx vertx;
  private final HttpClientAgent http;
  /** Watches multiplexed over a few HTTP/2 (cleartext, prior knowledge) connections, as client-go does. */
  private final HttpClientAgent h2c;
  private final Map<String, String> results = new LinkedHashMap<>();

  record Options(List<String> stores, int clients, int seconds, int warmupSeconds, int getObjects, int listObjects, int watchers,
      int watchEvents, int watchIntervalMillis, Path dir, List<String> scenarios, List<String> watchProtocols) {

    static Options parse(String[] args) {
      Map<String, String> a = new LinkedHashMap<>();
      for (String arg : args) {
        if (!arg.startsWith("--") || !arg.contains("=")) {
          throw new IllegalArgumentException("arguments are --name=value; got " + arg);
        }
        a.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
      }
      String store = a.getOrDefault("store", "both");
      return new Options(
          store.equals("both") ? List.of("embedded", "etcd") : List.of(store.split(",")),
          Integer.parseInt(a.getOrDefault("clients", "32")),
          Integer.parseInt(a.getOrDefault("seconds", "10")),
          Integer.parseInt(a.getOrDefault("warmup", "5")),
          Integer.parseInt(a.getOrDefault("get-objects", "1000")),
          Integer.parseInt(a.getOrDefault("list-objects", "10000")),
          Integer.parseInt(a.getOrDefault("watchers", "1000")),
          Integer.parseInt(a.getOrDefault("events", "200")),
          Integer.parseInt(a.getOrDefault("event-interval-ms", "50")),
          Path.of(a.getOrDefault("dir", "bench/target/bench-data")),
          List.of(a.getOrDefault("only", "get,write,list,watch").split(",")),
          List.of(a.getOrDefault("watch-protocols", "http1,h2c").split(",")));
    }
  }

  /** A server and what it runs on. */
  private record ServerUnderTest(String storeName, ApiServer server, Store store, AutoCloseable extra) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      server.close();
      store.close();
      if (extra != null) {
        extra.close();
      }
    }
  }

  private ApiServerBench(Options options, ServerUnderTest sut) {
    this.options = options;
    this.sut = sut;
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    this.http = vertx.createHttpClient(
        new HttpClientOptions()
            .setProtocolVersion(HttpVersion.HTTP_1_1)
            .setDefaultHost("127.0.0.1")
            .setDefaultPort(sut.server().port())
            .setKeepAlive(true)
            .setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(options.watchers() + options.clients() + 16));
    this.h2c = vertx.createHttpClient(
        new HttpClientOptions()
            .setProtocolVersion(HttpVersion.HTTP_2)
            .setHttp2ClearTextUpgrade(false)
            .setHttp2MultiplexingLimit(250)
            .setDefaultHost("127.0.0.1")
            .setDefaultPort(sut.server().port())
            .setTcpNoDelay(true),
        new PoolOptions().setHttp2MaxSize(Math.max(1, options.watchers() / 250 + 1)));
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Files.createDirectories(options.dir());
    System.out.println(machine());
    List<Map<String, String>> all = new ArrayList<>();
    for (String store : options.stores()) {
      try (ServerUnderTest sut = start(store, options)) {
        ApiServerBench bench = new ApiServerBench(options, sut);
        try {
          bench.run();
        } finally {
          bench.http.close().await(10, TimeUnit.SECONDS);
          bench.h2c.close().await(10, TimeUnit.SECONDS);
          bench.vertx.close().await(10, TimeUnit.SECONDS);
        }
        all.add(bench.results);
      }
    }
    System.out.println();
    for (int i = 0; i < all.size(); i++) {
      System.out.println("### " + options.stores().get(i));
      System.out.println();
      System.out.println("| measure | result |");
      System.out.println("|---|---|");
      all.get(i).forEach((k, v) -> System.out.println("| " + k + " | " + v + " |"));
      System.out.println();
    }
    System.exit(0);
  }

  private static ServerUnderTest start(String store, Options options) throws Exception {
    Store s;
    AutoCloseable extra;
    switch (store) {
      case "embedded" -> {
        Path dir = Files.createTempDirectory(options.dir(), "embedded-");
        s = EmbeddedStore.open(dir);
        extra = () -> deleteRecursively(dir);
      }
      case "memory" -> {
        // Not a product configuration: separates the API server's costs from the disk's.
        s = EmbeddedStore.inMemory();
        extra = null;
      }
      case "etcd" -> {
        EtcdLauncher etcd = EtcdLauncher.start(options.dir());
        s = EtcdStore.connect(etcd.endpoint());
        extra = etcd;
      }
      default -> throw new IllegalArgumentException("unknown store " + store + " (embedded, etcd, both, or memory)");
    }
    ApiServer server = ApiProfiles.federation(s).port(0).tokens(Map.of(TOKEN, "bench")).maxInFlight(100_000).start();
    return new ServerUnderTest(store, server, s, extra);
  }

  // ---------------------------------------------------------------- scenarios

  private void run() throws Exception {
    log("store=" + sut.storeName() + " url=" + sut.server().url());
    results.put("heap used, idle server (MiB)", mib(heapAfterGc()));
    createNamespace("bench");
    preload("bench", "get-", options.getObjects());
    if (options.scenarios().contains("get")) {
      gets();
    }
    if (options.scenarios().contains("write")) {
      writes();
    }
    if (options.scenarios().contains("list")) {
      createNamespace("list");
      preload("list", "cm-", options.listObjects());
      results.put("heap used, " + String.format(Locale.ROOT, "%,d", options.getObjects() + options.listObjects()) + " objects (MiB)",
          mib(heapAfterGc()));
      lists();
    }
    if (options.scenarios().contains("watch")) {
      createNamespace("fanout");
      for (String protocol : options.watchProtocols()) {
        watchFanOut(protocol);
      }
    }
  }

  private void gets() throws Exception {
    int n = options.getObjects();
    Measured m = load("GET", i -> call(HttpMethod.GET, "/api/v1/namespaces/bench/configmaps/get-" + ThreadLocalRandom.current().nextInt(n), null));
    results.put("GET one object: requests/s (" + options.clients() + " connections)", String.format(Locale.ROOT, "%,.0f", m.perSecond()));
    results.put("GET one object: p50 / p99 (ms)", m.percentiles());
  }

  private void writes() throws Exception {
    AtomicLong names = new AtomicLong();
    // Each step is one create and one update (a PUT carrying the created resourceVersion): two writes.
    Measured m = load("create+update", i -> {
      String name = "w-" + names.incrementAndGet();
      return call(HttpMethod.POST, "/api/v1/namespaces/bench/configmaps", configMapJson(name, null, "v0"))
          .compose(created -> call(HttpMethod.PUT, "/api/v1/namespaces/bench/configmaps/" + name,
              configMapJson(name, field(created.toString(), "\"resourceVersion\":\""), "v1")));
    });
    results.put("writes/s: creates + updates (" + options.clients() + " connections)", String.format(Locale.ROOT, "%,.0f", 2 * m.perSecond()));
    results.put("one create + update: p50 / p99 (ms)", m.percentiles());
  }

  private void lists() throws Exception {
    int n = options.listObjects();
    String base = "/api/v1/namespaces/list/configmaps";
    String label = String.format(Locale.ROOT, "LIST %,d", n);
    for (var variant : List.of(
        Map.entry(label + " (consistent read, from the watch cache)", base),
        Map.entry(label + " (resourceVersion=0)", base + "?resourceVersion=0"))) {
      List<Long> times = new ArrayList<>();
      long bytes = 0;
      for (int i = 0; i < 25; i++) {
        long t0 = System.nanoTime();
        Buffer body = await(call(HttpMethod.GET, variant.getValue(), null));
        long t1 = System.nanoTime();
        if (i >= 5) {
          times.add(t1 - t0);
        }
        bytes = body.length();
      }
      results.put(variant.getKey() + ": p50 / p99 (ms)", percentiles(times) + String.format(Locale.ROOT, " (%,d bytes)", bytes));
    }
    List<Long> paged = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      long t0 = System.nanoTime();
      String cont = "";
      int pages = 0;
      do {
        String body = await(call(HttpMethod.GET, base + "?limit=500" + (cont.isEmpty() ? "" : "&continue=" + cont), null)).toString();
        cont = field(body, "\"continue\":\"");
        pages++;
      } while (!cont.isEmpty() && pages < 1_000);
      long t1 = System.nanoTime();
      if (i >= 2) {
        paged.add(t1 - t0);
      }
    }
    results.put(label + " in pages of 500 (each from the store): p50 / p99 (ms)", percentiles(paged));
  }

  private void watchFanOut(String protocol) throws Exception {
    int w = options.watchers();
    int events = options.watchEvents();
    HttpClientAgent client = switch (protocol) {
      case "http1" -> http;
      case "h2c" -> h2c;
      default -> throw new IllegalArgumentException("watch protocol " + protocol + " (http1 or h2c)");
    };
    String target = "target-" + protocol;
    Buffer created = await(call(HttpMethod.POST, "/api/v1/namespaces/fanout/configmaps", configMapJson(target, null, "0")));
    String startRv = field(created.toString(), "\"resourceVersion\":\"");
    long[][] latencies = new long[w][events];
    int[] seen = new int[w];
    AtomicInteger received = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    CountDownLatch connected = new CountDownLatch(w);
    List<HttpClientResponse> responses = new ArrayList<>();
    for (int i = 0; i < w; i++) {
      int watcher = i;
      client.request(options("GET", "/api/v1/namespaces/fanout/configmaps?watch=true&fieldSelector=metadata.name%3D" + target
              + "&resourceVersion=" + startRv).setIdleTimeout(0))
          .compose(req -> req.send())
          .onComplete(ar -> {
            if (ar.failed() || ar.result().statusCode() != 200) {
              failures.incrementAndGet();
            } else {
              HttpClientResponse r = ar.result();
              synchronized (responses) {
                responses.add(r);
              }
              // Events are handled on the connection's event loop, one watcher at a time.
              // Only the send time is read out of each event: the load generator shares the cores.
              // The server writes one event per chunk, so a chunk is usually one whole line and
              // needs no copying; anything else goes through a line parser.
              io.vertx.core.Handler<Buffer> onLine = line -> {
                long now = System.nanoTime();
                long sent = sentTime(line);
                if (sent > 0 && seen[watcher] < events) {
                  latencies[watcher][seen[watcher]++] = now - sent;
                  received.incrementAndGet();
                }
              };
              RecordParser slowPath = RecordParser.newDelimited("\n", onLine);
              boolean[] split = {false};
              r.handler(chunk -> {
                int n = chunk.length();
                if (!split[0] && n > 0 && chunk.getByte(n - 1) == '\n' && oneLine(chunk)) {
                  onLine.handle(chunk);
                } else {
                  split[0] = n == 0 || chunk.getByte(n - 1) != '\n';
                  slowPath.handle(chunk);
                }
              });
            }
            connected.countDown();
          });
    }
    if (!connected.await(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("watchers did not connect");
    }
    log("watchers connected=" + (w - failures.get()) + " failures=" + failures.get());
    results.put("heap used, " + String.format(Locale.ROOT, "%,d", w) + " watchers open, " + protocol + " (MiB)", mib(heapAfterGc()));
    // Warm-up events (marked "t":"0", so not measured) let the JIT compile the write and fan-out paths.
    for (int e = 0; e < WATCH_WARMUP_EVENTS; e++) {
      await(call(HttpMethod.PATCH, "/api/v1/namespaces/fanout/configmaps/" + target, "{\"data\":{\"t\":\"0\",\"w\":\"" + e + "\"}}",
          "application/merge-patch+json"));
      Thread.sleep(options.watchIntervalMillis());
    }
    List<Long> writeLatencies = new ArrayList<>();
    for (int e = 0; e < events; e++) {
      long t = System.nanoTime();
      await(call(HttpMethod.PATCH, "/api/v1/namespaces/fanout/configmaps/" + target, "{\"data\":{\"t\":\"" + t + "\"}}", "application/merge-patch+json"));
      writeLatencies.add(System.nanoTime() - t);
      Thread.sleep(options.watchIntervalMillis());
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (received.get() < w * events && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    synchronized (responses) {
      // HTTP/1.1: one connection per watch; HTTP/2: resetting the stream ends just that watch.
      responses.forEach(r -> {
        if (protocol.equals("h2c")) {
          r.request().reset();
        } else {
          r.request().connection().close();
        }
      });
    }
    List<Long> all = new ArrayList<>(w * events);
    for (int i = 0; i < w; i++) {
      for (int e = 0; e < seen[i]; e++) {
        all.add(latencies[i][e]);
      }
    }
    String label = String.format(Locale.ROOT, "watch event to %,d watchers over %s", w,
        protocol.equals("h2c") ? "HTTP/2 (" + (w / 250 + 1) + " connections)" : "HTTP/1.1 (a connection each)");
    results.put(label + ": delivered", String.format(Locale.ROOT, "%,d of %,d", received.get(), w * events));
    results.put(label + ": p50 / p99 / max (ms), from write sent to event read",
        percentiles(all) + " / " + ms(all.stream().mapToLong(Long::longValue).max().orElse(0)));
    results.put(label + ": the write itself (PATCH round trip), p50 / p99 (ms)", percentiles(writeLatencies));
    // The fan-out alone: how long after an event's first watcher the others got it.
    List<Long> spread = new ArrayList<>(w * events);
    for (int e = 0; e < events; e++) {
      long first = Long.MAX_VALUE;
      for (int i = 0; i < w; i++) {
        if (seen[i] > e) {
          first = Math.min(first, latencies[i][e]);
        }
      }
      for (int i = 0; i < w; i++) {
        if (seen[i] > e) {
          spread.add(latencies[i][e] - first);
        }
      }
    }
    results.put(label + ": after the first watcher got it, p50 / p99 (ms)", percentiles(spread));
  }

  // ---------------------------------------------------------------- load driver

  /** Latencies recorded after the warm-up, and the rate over the measured window. */
  private record Measured(long[] latencies, double perSecond) {
    String percentiles() {
      List<Long> l = new ArrayList<>(latencies.length);
      for (long v : latencies) {
        l.add(v);
      }
      return ApiServerBench.percentiles(l);
    }
  }

  /**
   * A closed loop per connection: each of {@code clients} sends its next step as soon as the last
   * one completes, until the time is up. Steps after the warm-up are measured.
   */
  private Measured load(String name, IntFunction<Future<?>> step) throws Exception {
    long start = System.nanoTime();
    long measureFrom = start + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
    long end = measureFrom + TimeUnit.SECONDS.toNanos(options.seconds());
    AtomicInteger errors = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(options.clients());
    List<LongList> perClient = new ArrayList<>();
    for (int c = 0; c < options.clients(); c++) {
      LongList lat = new LongList();
      perClient.add(lat);
      new Object() {
        int i;

        void next() {
          long t0 = System.nanoTime();
          if (t0 >= end) {
            done.countDown();
            return;
          }
          step.apply(i++).onComplete(ar -> {
            long t1 = System.nanoTime();
            if (ar.failed()) {
              if (errors.incrementAndGet() < 5) {
                log(name + " failed: " + ar.cause());
              }
            } else if (t0 >= measureFrom) {
              lat.add(t1 - t0);
            }
            next();
          });
        }
      }.next();
    }
    if (!done.await(options.warmupSeconds() + options.seconds() + 120, TimeUnit.SECONDS)) {
      throw new IllegalStateException(name + " did not finish");
    }
    long[] all = perClient.stream().flatMapToLong(LongList::stream).toArray();
    double rate = all.length / (double) options.seconds();
    log(String.format(Locale.ROOT, "%s: %,.0f ops/s errors=%d", name, rate, errors.get()));
    if (errors.get() > 0) {
      results.put(name + " errors", Integer.toString(errors.get()));
    }
    return new Measured(all, rate);
  }

  /** A growable list of longs, written by one event loop at a time. */
  private static final class LongList {
    private long[] values = new long[1 << 14];
    private int size;

    synchronized void add(long v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    synchronized java.util.stream.LongStream stream() {
      return Arrays.stream(values, 0, size);
    }
  }

  // ---------------------------------------------------------------- helpers

  private static RequestOptions options(String method, String uri) {
    return new RequestOptions().setMethod(HttpMethod.valueOf(method)).setURI(uri).putHeader("Authorization", "Bearer " + TOKEN);
  }

  private Future<Buffer> call(HttpMethod method, String uri, String body) {
    return call(method, uri, body, "application/json");
  }

  /** One request; fails unless the status is 2xx. */
  private Future<Buffer> call(HttpMethod method, String uri, String body, String contentType) {
    RequestOptions o = options(method.name(), uri).setTimeout(60_000);
    if (body != null) {
      o.putHeader("Content-Type", contentType);
    }
    return http.request(o)
        .compose(req -> body == null ? req.send() : req.send(body))
        .compose(resp -> resp.body().compose(b -> resp.statusCode() < 300
            ? Future.succeededFuture(b)
            : Future.failedFuture(new IOException("HTTP " + resp.statusCode() + ": " + b))));
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  private void createNamespace(String name) throws Exception {
    ObjectNode ns = Json.object().put("apiVersion", "v1").put("kind", "Namespace");
    ns.putObject("metadata").put("name", name);
    await(call(HttpMethod.POST, "/api/v1/namespaces", Json.string(ns)));
  }

  /** Loads objects through the registry (not HTTP): setup, not measurement. */
  private void preload(String namespace, String prefix, int count) throws Exception {
    ResourceStorage storage = sut.server().storage(CONFIG_MAPS);
    long t0 = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(16, Thread.ofVirtual().factory())) {
      List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String name = prefix + i;
        fs.add(pool.submit(() -> storage.create(namespace, Json.parseObject(configMapJson(name, null, "v0").getBytes(StandardCharsets.UTF_8)),
            WriteOptions.of("bench-loader"))));
      }
      for (java.util.concurrent.Future<?> f : fs) {
        f.get();
      }
    }
    log(String.format(Locale.ROOT, "preloaded %,d objects into %s in %,d ms", count, namespace, (System.nanoTime() - t0) / 1_000_000));
  }

  private static String configMapJson(String name, String rv, String value) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\""
        + (rv == null ? "" : ",\"resourceVersion\":\"" + rv + "\"")
        + ",\"labels\":{\"app\":\"bench\",\"tier\":\"web\"}},\"data\":{\"value\":\"" + value + "\",\"payload\":\"" + PAYLOAD + "\"}}";
  }

  /** Whether the only newline in {@code chunk} is its last byte. */
  private static boolean oneLine(Buffer chunk) {
    for (int i = chunk.length() - 2; i >= 0; i--) {
      if (chunk.getByte(i) == '\n') {
        return false;
      }
    }
    return true;
  }

  private static final byte[] MODIFIED = "{\"type\":\"MODIFIED\"".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SENT = "\"t\":\"".getBytes(StandardCharsets.UTF_8);

  /**
   * The send time in a MODIFIED event of the fan-out target, or 0: a byte scan, no decoding. The
   * target's data ({@code "t":"<nanos>"}) is the last field of the event, so scan from the end.
   */
  private static long sentTime(Buffer line) {
    int n = line.length();
    for (int i = 0; i < MODIFIED.length; i++) {
      if (i >= n || line.getByte(i) != MODIFIED[i]) {
        return 0;
      }
    }
    outer:
    for (int i = n - SENT.length; i >= MODIFIED.length; i--) {
      for (int j = 0; j < SENT.length; j++) {
        if (line.getByte(i + j) != SENT[j]) {
          continue outer;
        }
      }
      long v = 0;
      for (int k = i + SENT.length; k < n && line.getByte(k) != '"'; k++) {
        v = v * 10 + (line.getByte(k) - '0');
      }
      return v;
    }
    return 0;
  }

  /** The string value after {@code marker}, up to the next quote, or "". */
  private static String field(String s, String marker) {
    int i = s.indexOf(marker);
    if (i < 0) {
      return "";
    }
    int from = i + marker.length();
    return s.substring(from, s.indexOf('"', from));
  }

  private static String percentiles(List<Long> nanos) {
    if (nanos.isEmpty()) {
      return "n/a";
    }
    long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    long p50 = sorted[(int) Math.min(sorted.length - 1, Math.floor(sorted.length * 0.50))];
    long p99 = sorted[(int) Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))];
    return ms(p50) + " / " + ms(p99);
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.0f", bytes / (1024.0 * 1024.0));
  }

  private static String machine() {
    String cpu = "unknown cpu";
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      cpu = lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
    } catch (IOException e) {
      // not Linux
    }
    Runtime rt = Runtime.getRuntime();
    return String.format(Locale.ROOT, "machine: %s, %d cores, max heap %s MiB, %s %s, GC %s",
        cpu, rt.availableProcessors(), mib(rt.maxMemory()), System.getProperty("java.vm.name"), System.getProperty("java.version"),
        ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList());
  }

  private static void log(String s) {
    System.out.println("[bench] " + s);
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
