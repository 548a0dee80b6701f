package io.tidewater.simulator.kubelet;

/**
 * When the simulated kubelet did what to one pod, in {@code System.nanoTime} terms: status
 * timestamps have whole seconds only, too coarse for sub-second delays. Lost on restart, when the
 * next step simply waits its full delay again. Each timeline is touched only by the worker that
 * holds its pod's key.
 */
final class PodTimeline {
  final String uid;
  long acceptedAt;
  long runningAt;
  long deletionSeenAt;
  long nextRestartAt;

  PodTimeline(String uid) {
    this.uid = uid;
  }
}
