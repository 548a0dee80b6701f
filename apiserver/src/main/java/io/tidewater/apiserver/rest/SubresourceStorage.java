package io.tidewater.apiserver.rest;

import io.tidewater.apiserver.http.HttpExchange;

/** Implemented by storages that serve subresources beyond status and scale (pods/log, proxies). */
public interface SubresourceStorage {
  boolean serves(String subresource, String method);

  void serve(HttpExchange exchange, String namespace, String name, String subresource) throws Exception;

  default boolean isLongRunning(String subresource, HttpExchange exchange) {
    return false;
  }
}
