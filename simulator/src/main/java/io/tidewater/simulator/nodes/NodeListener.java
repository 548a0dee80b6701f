package io.tidewater.simulator.nodes;

/**
 * Told of every node change, in order, while the change is being committed: implementations must
 * only note the change (queue a key, bump a counter) and never block or call back into the nodes.
 */
@FunctionalInterface
public interface NodeListener {
  void onChange(NodeEvent event);
}
