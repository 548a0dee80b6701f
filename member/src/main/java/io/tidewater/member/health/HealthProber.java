package io.tidewater.member.health;

import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.tidewater.api.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes a member's {@code /readyz} every period on its own named thread, reads {@code /version}
 * when the member turns Ready, and tells listeners about Ready/NotReady transitions.
 */
public final class HealthProber implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HealthProber.class);

  private final String cluster;
  private final String server;
  private final HttpClient http;
  private final HealthProbeOptions options;
  private final Clock clock;
  private final List<HealthListener> listeners = new CopyOnWriteArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final Thread thread;
  private volatile MemberHealth current;
  private volatile boolean stopped;
  private int consecutiveFailures;

  /**
   * @param http a client with the member's credentials that does not retry on its own (a retried
   *     probe would hide an outage)
   */
  public HealthProber(String cluster, String server, HttpClient http, HealthProbeOptions options, Clock clock) {
    this.cluster = cluster;
    this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    this.http = http;
    this.options = options;
    this.clock = clock;
    this.current = MemberHealth.unknown(clock.instant());
    this.thread = Thread.ofVirtual().name("member-health-" + cluster).unstarted(this::run);
  }

  public HealthProber start() {
    thread.start();
    return this;
  }

  public MemberHealth current() {
    return current;
  }

  public HealthProbeOptions options() {
    return options;
  }

  /** Adds a listener; returns a handle that removes it. */
  public AutoCloseable addListener(HealthListener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Probes now instead of at the end of the current period. */
  public void probeSoon() {
    lock.lock();
    try {
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    while (!stopped) {
      long started = System.nanoTime();
      try {
        probeOnce();
      } catch (RuntimeException e) {
        log.warn("health probe crashed cluster={} error={}", cluster, e.toString());
      }
      long waitNanos = options.period().toNanos() - (System.nanoTime() - started);
      lock.lock();
      try {
        if (!stopped && waitNanos > 0) {
          wake.awaitNanos(waitNanos);
        }
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
    }
  }

  private void probeOnce() {
    Outcome readyz = get("/readyz");
    if (stopped) {
      return; // a probe cut short by close() says nothing about the member
    }
    Instant now = clock.instant();
    MemberHealth before = current;
    MemberHealth next;
    if (readyz.ok()) {
      consecutiveFailures = 0;
      String version = before.kubernetesVersion();
      if (!before.isReady() || version == null) {
        version = readVersion(version);
      }
      next = new MemberHealth(
          MemberHealth.State.READY, "ReadyzOk", "/readyz answered ok", now,
          before.isReady() ? before.lastTransitionTime() : now, version);
    } else {
      consecutiveFailures++;
      boolean flip = before.state() != MemberHealth.State.READY || consecutiveFailures >= options.failureThreshold();
      MemberHealth.State state = flip ? MemberHealth.State.NOT_READY : MemberHealth.State.READY;
      next = new MemberHealth(
          state, flip ? readyz.reason() : before.reason(), readyz.message(), now,
          state == before.state() ? before.lastTransitionTime() : now, before.kubernetesVersion());
    }
    current = next;
    if (next.state() != before.state()) {
      log.info("member health changed cluster={} from={} to={} reason={} message={}", cluster, before.state(), next.state(), next.reason(), next.message());
      for (HealthListener l : listeners) {
        try {
          l.onTransition(cluster, before, next);
        } catch (RuntimeException e) {
          log.warn("health listener failed cluster={} error={}", cluster, e.toString());
        }
      }
    }
  }

  private String readVersion(String fallback) {
    Outcome v = get("/version");
    if (!v.ok()) {
      return fallback;
    }
    try {
      return Json.MAPPER.readTree(v.body()).path("gitVersion").asText(fallback);
    } catch (java.io.IOException e) {
      return fallback;
    }
  }

  private record Outcome(boolean ok, String reason, String message, String body) {}

  private Outcome get(String path) {
    HttpRequest request = http.newHttpRequestBuilder()
        .uri(server + path)
        .timeout(options.timeout().toMillis(), TimeUnit.MILLISECONDS)
        .build();
    CompletableFuture<HttpResponse<String>> future = http.sendAsync(request, String.class);
    try {
      HttpResponse<String> r = future.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
      String body = r.body() == null ? "" : r.body();
      if (r.code() == 200) {
        return new Outcome(true, "ReadyzOk", "", body);
      }
      return new Outcome(false, "ReadyzFailed", path + " answered HTTP " + r.code() + ": " + abbreviate(body), body);
    } catch (TimeoutException e) {
      future.cancel(true);
      return new Outcome(false, "Unreachable", path + " did not answer within " + options.timeout(), "");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return new Outcome(false, "Unreachable", path + ": " + cause, "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(false, "Unreachable", "probe interrupted", "");
    }
  }

  private static String abbreviate(String s) {
    String t = s.strip();
    return t.length() > 200 ? t.substring(0, 200) + "..." : t;
  }

  @Override
  public void close() {
    stopped = true;
    probeSoon();
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
