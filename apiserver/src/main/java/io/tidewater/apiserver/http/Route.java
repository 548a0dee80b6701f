package io.tidewater.apiserver.http;

/**
 * A handler for a family of paths beyond the Kubernetes resource API (for example the Cluster
 * Gateway's per-cluster proxy). Routes are asked in registration order.
 */
public interface Route {
  boolean matches(String path);

  /** Serves the request; throws {@code ApiException} to answer with a Status. */
  void handle(HttpExchange exchange) throws Exception;

  /** Long-running requests (watches, proxies of them) are not counted against max-in-flight. */
  default boolean isLongRunning(HttpExchange exchange) {
    return false;
  }
}
