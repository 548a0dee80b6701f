package io.tidewater.simulator;

import io.tidewater.apiserver.http.HttpServerFactory;
import io.tidewater.apiserver.tls.TlsMaterial;
import io.tidewater.simulator.hosting.FleetHandler;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many simulated member clusters on one listener, each under its own path:
 * {@code https://127.0.0.1:PORT/clusters/<name>/api/...}. Every member accepts its own bearer token
 * and the fleet's admin token; the fleet's admin API ({@code /fleet/v1/...}) injects faults.
 */
public final class Fleet implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Fleet.class);
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Where and how the fleet listens.
   *
   * @param host the address to bind
   * @param port the port, 0 for any free one
   * @param tls the serving identity, or null for plain HTTP (tests)
   * @param adminToken the token of the admin API, also accepted by every member; null makes one
   */
  public record Options(String host, int port, TlsMaterial tls, String adminToken) {
    public static Options plain() {
      return new Options("127.0.0.1", 0, null, null);
    }

    public static Options tls(TlsMaterial tls) {
      return new Options("127.0.0.1", 0, tls, null);
    }
  }

  private final Options options;
  private final String adminToken;
  private final FleetHandler handler;
  private final Server http;
  private final Clock clock;
  private final Map<String, SimulatedCluster> members = new TreeMap<>();
  private final Map<String, String> memberTokens = new TreeMap<>();

  private Fleet(Options options, Clock clock) {
    this.options = options;
    this.clock = clock;
    this.adminToken = options.adminToken() != null ? options.adminToken() : newToken();
    this.handler = new FleetHandler(adminToken);
    this.http = HttpServerFactory.create(options.host(), options.port(), options.tls(), handler, "fleet");
  }

  public static Fleet start(Options options) throws Exception {
    return start(options, Clock.systemUTC());
  }

  public static Fleet start(Options options, Clock clock) throws Exception {
    Fleet fleet = new Fleet(options, clock);
    fleet.http.start();
    log.info("fleet serving url={}", fleet.url());
    return fleet;
  }

  private static String newToken() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /**
   * Creates the member, or updates its pools and settings when it exists. Idempotent.
   *
   * @param name an RFC 1123 label: it is part of the member's URL and of its node names
   */
  public synchronized SimulatedCluster ensure(String name, SimulatedClusterSpec spec) throws Exception {
    Objects.requireNonNull(spec, "spec");
    if (name == null || name.length() > 63 || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a simulated cluster's name must be an RFC 1123 label: " + name);
    }
    SimulatedCluster existing = members.get(name);
    if (existing != null) {
      existing.update(spec);
      return existing;
    }
    String token = newToken();
    SimulatedCluster cluster = SimulatedCluster.start(name, spec, Map.of(token, "admin", adminToken, "admin"), clock);
    members.put(name, cluster);
    memberTokens.put(name, token);
    handler.add(cluster);
    return cluster;
  }

  /** Stops and forgets a member; false if there was none. */
  public synchronized boolean remove(String name) {
    SimulatedCluster cluster = members.remove(name);
    memberTokens.remove(name);
    if (cluster == null) {
      return false;
    }
    handler.remove(name);
    cluster.close();
    return true;
  }

  public synchronized Optional<SimulatedCluster> get(String name) {
    return Optional.ofNullable(members.get(name));
  }

  public synchronized List<SimulatedCluster> clusters() {
    return new ArrayList<>(members.values());
  }

  /** The fleet's own URL (no member path). */
  public URI url() {
    int port = ((ServerConnector) http.getConnectors()[0]).getLocalPort();
    String host = options.host().equals("0.0.0.0") || options.host().isEmpty() ? "127.0.0.1" : options.host();
    return URI.create((options.tls() != null ? "https://" : "http://") + host + ":" + port);
  }

  /** A member's API URL. */
  public URI serverUrl(String name) {
    return URI.create(url() + FleetHandler.CLUSTERS_PREFIX + name);
  }

  public String adminToken() {
    return adminToken;
  }

  /** What a kubeconfig needs to reach a member; empty if there is no such member. */
  public synchronized Optional<KubeconfigEntry> kubeconfigEntry(String name) {
    String token = memberTokens.get(name);
    if (token == null) {
      return Optional.empty();
    }
    return Optional.of(new KubeconfigEntry(name, serverUrl(name).toString(), options.tls() == null ? null : options.tls().caPem(), token));
  }

  /** One entry per member, in name order. */
  public synchronized List<KubeconfigEntry> kubeconfigEntries() {
    List<KubeconfigEntry> out = new ArrayList<>();
    for (String name : members.keySet()) {
      kubeconfigEntry(name).ifPresent(out::add);
    }
    return out;
  }

  @Override
  public synchronized void close() {
    try {
      http.stop();
    } catch (Exception e) {
      log.warn("fleet listener stop failed: {}", e.toString());
    }
    for (SimulatedCluster c : members.values()) {
      c.close();
    }
    members.clear();
    memberTokens.clear();
    log.info("fleet stopped");
  }
}
