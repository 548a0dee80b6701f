package io.tidewater.api.controller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Reconciler} over a {@link WorkQueue} with named worker threads, retrying failures
 * with back-off and honouring requeue requests. Stops when closed.
 */
public final class ControllerRunner<K> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ControllerRunner.class);

  private final String name;
  private final WorkQueue<K> queue;
  private final Reconciler<K> reconciler;
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean stopped;

  public ControllerRunner(String name, WorkQueue<K> queue, Reconciler<K> reconciler) {
    this.name = name;
    this.queue = queue;
    this.reconciler = reconciler;
  }

  public ControllerRunner<K> start(int workerCount) {
    for (int i = 0; i < workerCount; i++) {
      workers.add(Thread.ofVirtual().name(name + "-worker-" + i).start(this::work));
    }
    return this;
  }

  public WorkQueue<K> queue() {
    return queue;
  }

  private void work() {
    while (!stopped) {
      K key;
      try {
        key = queue.take(Duration.ofSeconds(1));
      } catch (InterruptedException e) {
        return;
      }
      if (key == null) {
        if (queue.isShutDown()) {
          return;
        }
        continue;
      }
      try {
        Reconciler.Result r = reconciler.reconcile(key);
        queue.forget(key);
        if (r != null && r.requeueAfter() != null) {
          queue.addAfter(key, r.requeueAfter());
        }
      } catch (Exception e) {
        int n = queue.failures(key) + 1;
        if (queue.isShutDown()) {
          // stopping: requests in flight are interrupted on purpose, which is not a failure to report
          log.debug("reconcile interrupted by shutdown controller={} key={} error={}", name, key, e.toString());
        } else if (n <= 3 || n % 10 == 0) {
          log.warn("reconcile failed controller={} key={} attempt={} error={}", name, key, n, e.toString());
        }
        queue.addRateLimited(key);
      } finally {
        queue.done(key);
      }
    }
  }

  @Override
  public void close() {
    stopped = true;
    queue.shutDown();
    for (Thread t : workers) {
      t.interrupt();
    }
    for (Thread t : workers) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
