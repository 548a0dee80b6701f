package io.tidewater.apiserver.builtin.services;

import java.util.Set;

/**
 * What the server knows about the addresses existing Services hold, so new ones can be allocated
 * without collisions. The server backs it with its view of stored Services (for example the watch
 * cache of {@code services}); it is consulted only when a Service is created or changes type.
 */
public interface ServiceAddressesInUse {

  /** Every cluster IP held by a Service ({@code spec.clusterIPs}, "None" excluded). */
  Set<String> clusterIps();

  /** Every node port held by a Service ({@code spec.ports[*].nodePort} and {@code healthCheckNodePort}). */
  Set<Integer> nodePorts();

  /** For tests and servers without Services yet. */
  ServiceAddressesInUse NONE =
      new ServiceAddressesInUse() {
        @Override
        public Set<String> clusterIps() {
          return Set.of();
        }

        @Override
        public Set<Integer> nodePorts() {
          return Set.of();
        }
      };
}
