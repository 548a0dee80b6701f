package io.tidewater.gateway.storage;

import io.tidewater.apiserver.builtin.BuiltinKinds;
import io.tidewater.apiserver.builtin.services.ServiceAddressAllocator;
import io.tidewater.apiserver.builtin.services.ServiceAddressesInUse;
import io.tidewater.apiserver.registry.ResourceType;
import io.tidewater.gateway.view.MergedKind;

/**
 * The resource types of the merged kinds: the built-in pod, node, event and replicaset types
 * (names, scope, short names, categories, columns, selectable fields) with a CLUSTER column.
 */
public final class GatewayResourceTypes {
  private GatewayResourceTypes() {}

  public static ResourceType of(MergedKind kind) {
    // Only the service strategy allocates addresses; none of the merged kinds does.
    ResourceType builtin = BuiltinKinds.memberCluster(new ServiceAddressAllocator(ServiceAddressesInUse.NONE)).stream()
        .filter(t -> t.gvr().equals(kind.gvr()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no built-in kind for " + kind));
    return new ResourceType(
        builtin.gvr(), builtin.kind(), builtin.singular(), builtin.namespaced(), builtin.shortNames(), builtin.categories(),
        new ClusterColumnStrategy(builtin.strategy()));
  }
}
