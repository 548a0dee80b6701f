package io.tidewater.simulator.kubelet;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Pod IPs for one cluster, from 10.64.0.0/10 in turn: four million addresses before one is reused,
 * far more than a cluster's live pods. Owned by the kubelet simulation.
 */
final class PodAddresses {
  private static final long SIZE = 1L << 22;
  private final AtomicLong next = new AtomicLong(1);

  String allocate() {
    long n = next.getAndIncrement() % SIZE;
    if (n == 0) {
      n = next.getAndIncrement() % SIZE; // skip the network address
    }
    long ip = (10L << 24) + (64L << 16) + n;
    return ((ip >> 24) & 0xff) + "." + ((ip >> 16) & 0xff) + "." + ((ip >> 8) & 0xff) + "." + (ip & 0xff);
  }
}
