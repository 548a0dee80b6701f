package io.tidewater.bench.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.api.json.Json;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Watch event latency through the gateway under churn: writers patch random pods of every member
 * over the member's API at a fixed total rate, stamping each with the wall-clock time of the
 * write; a watcher on the federation's pods measures, for every MODIFIED event, the time from the
 * write to its arrival. The path covers the member's write, store and watch, the connector's
 * informer, the merged cache and the federation's watch.
 */
final class WatchLatencyProbe {
  private final BenchFleet fleet;
  private final int podsPerCluster;

  WatchLatencyProbe(BenchFleet fleet, int podsPerCluster) {
    this.fleet = fleet;
    this.podsPerCluster = podsPerCluster;
  }

  record Result(Percentiles latencyMillis, long written, long received, double writesPerSecond) {}

  static long nowMicros() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }

  Result run(String fromResourceVersion, int updatesPerSecond, int seconds) throws Exception {
    ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
    AtomicLong received = new AtomicLong();
    AtomicReference<Throwable> watchFailure = new AtomicReference<>();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest req = HttpRequest.newBuilder(URI.create(fleet.federation.url() + "/api/v1/pods?watch=true&allowWatchBookmarks=true&resourceVersion="
            + fromResourceVersion + "&timeoutSeconds=" + (seconds + 120)))
        .header("Authorization", "Bearer " + BenchFleet.TOKEN)
        .build();
    HttpResponse<InputStream> watch = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    Thread reader = Thread.ofPlatform().name("bench-watch-reader").start(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(watch.body(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          long now = nowMicros();
          JsonNode e = Json.MAPPER.readTree(line);
          if (!e.path("type").asText().equals("MODIFIED")) {
            continue;
          }
          String sent = e.at("/object/metadata/annotations").path(BenchPods.SENT_ANNOTATION).asText("");
          if (!sent.isEmpty()) {
            latencies.add((now - Long.parseLong(sent)) / 1e3);
            received.incrementAndGet();
          }
        }
      } catch (Exception ex) {
        watchFailure.compareAndSet(null, ex);
      }
    });

    double perWriterPerSecond = updatesPerSecond / (double) fleet.members.size();
    AtomicLong written = new AtomicLong();
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    List<Thread> writers = new ArrayList<>();
    for (BenchFleet.Member member : fleet.members) {
      writers.add(Thread.ofPlatform().name("bench-writer-" + member.name()).start(() -> {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long n = 0;
        while (System.nanoTime() < end) {
          long wait = start + (long) (n * 1e9 / perWriterPerSecond) - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
          String name = "pod-" + ThreadLocalRandom.current().nextInt(podsPerCluster);
          String patch = "{\"metadata\":{\"annotations\":{\"" + BenchPods.SENT_ANNOTATION + "\":\"" + nowMicros() + "\"}}}";
          HttpRequest write = HttpRequest.newBuilder(URI.create(member.url() + "/api/v1/namespaces/default/pods/" + name))
              .header("Authorization", "Bearer " + BenchFleet.TOKEN)
              .header("Content-Type", "application/merge-patch+json")
              .timeout(Duration.ofSeconds(30))
              .method("PATCH", HttpRequest.BodyPublishers.ofString(patch))
              .build();
          try {
            if (client.send(write, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
              written.incrementAndGet();
            }
          } catch (Exception e) {
            // a failed write produces no event and is not counted
          }
          n++;
        }
      }));
    }
    for (Thread w : writers) {
      w.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long deadline = System.currentTimeMillis() + 60_000;
    while (received.get() < written.get() && System.currentTimeMillis() < deadline && watchFailure.get() == null) {
      Thread.sleep(50);
    }
    watch.body().close();
    reader.interrupt();
    if (watchFailure.get() != null && received.get() < written.get()) {
      throw new IllegalStateException("watch failed", watchFailure.get());
    }
    double[] samples = latencies.stream().mapToDouble(Double::doubleValue).toArray();
    return new Result(Percentiles.of(samples), written.get(), received.get(), written.get() / elapsed);
  }
}
