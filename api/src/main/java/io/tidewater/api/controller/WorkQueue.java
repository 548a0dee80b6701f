package io.tidewater.api.controller;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A controller work queue with client-go's guarantees: a key is queued at most once; a key being
 * processed is never handed to a second worker, and if it is added meanwhile it is processed
 * again afterwards; failed keys come back after a per-key exponential back-off.
 *
 * <p>Level-triggered controllers queue object keys, never events: whatever happened, the worker
 * reads the current state and reconciles it.
 *
 * <p>Keys added with {@link #addUrgent} are handed out before every other queued key (as in
 * controller-runtime's priority queue): a controller marks a change a user is waiting for (a new
 * object, a new generation) urgent, so that it is not queued behind a burst of status refreshes.
 */
public final class WorkQueue<K> {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition available = lock.newCondition();
  private final ArrayDeque<K> queue = new ArrayDeque<>();
  private final ArrayDeque<K> urgent = new ArrayDeque<>();
  private final Set<K> dirtyUrgent = new HashSet<>();
  private final Set<K> queued = new HashSet<>();
  private final Set<K> processing = new HashSet<>();
  private final Set<K> dirty = new HashSet<>();
  private final PriorityQueue<Delayed<K>> delayed = new PriorityQueue<>();
  /** When each delayed key is due: a key waits once, at its earliest time (entries of {@link #delayed} that disagree are stale). */
  private final Map<K, Long> waitingUntil = new HashMap<>();
  private final Map<K, Integer> failures = new HashMap<>();
  private final Duration baseDelay;
  private final Duration maxDelay;
  private boolean shutDown;

  private record Delayed<K>(long readyAtNanos, K key) implements Comparable<Delayed<K>> {
    @Override
    public int compareTo(Delayed<K> o) {
      return Long.compare(readyAtNanos, o.readyAtNanos);
    }
  }

  public WorkQueue() {
    this(Duration.ofMillis(5), Duration.ofSeconds(30));
  }

  public WorkQueue(Duration baseDelay, Duration maxDelay) {
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
  }

  public void add(K key) {
    lock.lock();
    try {
      if (shutDown) {
        return;
      }
      if (processing.contains(key)) {
        dirty.add(key);
        return;
      }
      if (queued.add(key)) {
        queue.addLast(key);
        available.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Queues the key ahead of every key queued with {@link #add}; a key already queued there moves
   * to the front lane. A key being processed is processed again afterwards, urgently.
   */
  public void addUrgent(K key) {
    lock.lock();
    try {
      if (shutDown) {
        return;
      }
      if (processing.contains(key)) {
        dirty.add(key);
        dirtyUrgent.add(key);
        return;
      }
      enqueueUrgent(key);
    } finally {
      lock.unlock();
    }
  }

  /** {@link #addUrgent} or {@link #add}. */
  public void add(K key, boolean urgent) {
    if (urgent) {
      addUrgent(key);
    } else {
      add(key);
    }
  }

  private void enqueueUrgent(K key) {
    if (!queued.add(key)) {
      if (!queue.remove(key)) {
        return; // already urgent
      }
    }
    urgent.addLast(key);
    available.signal();
  }

  /**
   * Queues the key once {@code delay} has passed. As in client-go, a key already waiting keeps the
   * earlier of its two times, so a burst of delayed adds of one key (a controller coalescing status
   * refreshes) queues it once.
   */
  public void addAfter(K key, Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      add(key);
      return;
    }
    lock.lock();
    try {
      if (shutDown) {
        return;
      }
      long readyAt = System.nanoTime() + delay.toNanos();
      Long waiting = waitingUntil.get(key);
      if (waiting != null && waiting - readyAt <= 0) {
        return;
      }
      waitingUntil.put(key, readyAt);
      delayed.add(new Delayed<>(readyAt, key));
      available.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Queues the key after its back-off, which doubles with each consecutive failure. */
  public void addRateLimited(K key) {
    int n;
    lock.lock();
    try {
      n = failures.merge(key, 1, Integer::sum);
    } finally {
      lock.unlock();
    }
    long millis = Math.min(maxDelay.toMillis(), baseDelay.toMillis() * (1L << Math.min(n - 1, 30)));
    addAfter(key, Duration.ofMillis(millis));
  }

  /** Clears the key's back-off after a success. */
  public void forget(K key) {
    lock.lock();
    try {
      failures.remove(key);
    } finally {
      lock.unlock();
    }
  }

  public int failures(K key) {
    lock.lock();
    try {
      return failures.getOrDefault(key, 0);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The next key to process, waiting at most {@code timeout}; null on timeout or shutdown. The
   * caller must call {@link #done} with it.
   */
  public K take(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (true) {
        promoteDelayed();
        if (!urgent.isEmpty() || !queue.isEmpty()) {
          K key = urgent.isEmpty() ? queue.pollFirst() : urgent.pollFirst();
          queued.remove(key);
          processing.add(key);
          return key;
        }
        if (shutDown) {
          return null;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        Delayed<K> next = delayed.peek();
        if (next != null) {
          left = Math.min(left, Math.max(0, next.readyAtNanos() - System.nanoTime()));
        }
        if (left > 0) {
          available.awaitNanos(left);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private void promoteDelayed() {
    long now = System.nanoTime();
    while (!delayed.isEmpty() && delayed.peek().readyAtNanos() - now <= 0) {
      Delayed<K> d = delayed.poll();
      K key = d.key();
      Long waiting = waitingUntil.get(key);
      if (waiting == null || waiting != d.readyAtNanos()) {
        continue; // superseded by an earlier time, already promoted
      }
      waitingUntil.remove(key);
      if (processing.contains(key)) {
        dirty.add(key);
      } else if (queued.add(key)) {
        queue.addLast(key);
      }
    }
  }

  public void done(K key) {
    lock.lock();
    try {
      processing.remove(key);
      boolean wasUrgent = dirtyUrgent.remove(key);
      if (dirty.remove(key) && !shutDown) {
        if (wasUrgent) {
          enqueueUrgent(key);
        } else if (queued.add(key)) {
          queue.addLast(key);
          available.signal();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  public int length() {
    lock.lock();
    try {
      return queue.size() + urgent.size();
    } finally {
      lock.unlock();
    }
  }

  /** Whether nothing is queued, delayed or being processed. */
  public boolean isIdle() {
    lock.lock();
    try {
      return queue.isEmpty() && urgent.isEmpty() && processing.isEmpty() && waitingUntil.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  public void shutDown() {
    lock.lock();
    try {
      shutDown = true;
      available.signalAll();
    } finally {
      lock.unlock();
    }
  }

  public boolean isShutDown() {
    lock.lock();
    try {
      return shutDown;
    } finally {
      lock.unlock();
    }
  }
}
