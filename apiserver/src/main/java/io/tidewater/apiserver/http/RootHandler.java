package io.tidewater.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tidewater.api.json.Json;
import io.tidewater.apiserver.auth.TokenAuthenticator;
import io.tidewater.apiserver.discovery.DiscoveryDocuments;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.rest.RequestInfo;
import io.tidewater.apiserver.rest.ResourceHandler;
import io.tidewater.apiserver.rest.ResponseEncoder;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root of request handling: authentication, max-in-flight limiting, metrics, and dispatch to
 * health, discovery, OpenAPI, extension routes and the resource API. Runs on virtual threads.
 */
public final class RootHandler extends Handler.Abstract {
  private static final Logger log = LoggerFactory.getLogger(RootHandler.class);

  private final TokenAuthenticator authenticator;
  private final ResourceHandler resources;
  private final DiscoveryDocuments discovery;
  private final List<Route> routes;
  private final ObjectNode version;
  private final BooleanSupplier ready;
  private final PrometheusMeterRegistry metrics;
  private final Semaphore inFlight;

  public RootHandler(
      TokenAuthenticator authenticator,
      ResourceHandler resources,
      DiscoveryDocuments discovery,
      List<Route> routes,
      ObjectNode version,
      BooleanSupplier ready,
      PrometheusMeterRegistry metrics,
      int maxInFlight) {
    this.authenticator = authenticator;
    this.resources = resources;
    this.discovery = discovery;
    this.routes = List.copyOf(routes);
    this.version = version;
    this.ready = ready;
    this.metrics = metrics;
    this.inFlight = new Semaphore(maxInFlight);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    HttpExchange ex = new HttpExchange(request, response, callback);
    long start = System.nanoTime();
    String verb = ex.method();
    String resource = "";
    try {
      RequestInfo info = RequestInfo.parse(ex.path());
      if (info != null) {
        resource = info.resource();
      }
      dispatch(ex, info);
    } catch (ApiException e) {
      if (!ex.isCommitted()) {
        ex.discardUnreadBody();
        ResponseEncoder.writeError(ex, e);
      }
    } catch (Throwable t) {
      log.error("request failed method={} path={}", ex.method(), ex.path(), t);
      if (!ex.isCommitted()) {
        ex.discardUnreadBody();
        ResponseEncoder.writeError(ex, ApiException.internal(t.toString()));
      }
    } finally {
      int code = ex.status();
      Timer.builder("apiserver_request_duration_seconds")
          .tag("verb", verb)
          .tag("resource", resource)
          .tag("code", Integer.toString(code))
          .register(metrics)
          .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      Counter.builder("apiserver_request_total").tag("verb", verb).tag("code", Integer.toString(code)).register(metrics).increment();
      if (log.isDebugEnabled()) {
        log.debug("request method={} path={} user={} code={} micros={}", verb, ex.path(), ex.user(), code, (System.nanoTime() - start) / 1000);
      }
      ex.complete();
    }
    return true;
  }

  private void dispatch(HttpExchange ex, RequestInfo info) throws Exception {
    String path = ex.path();
    if (path.equals("/version") || path.equals("/version/")) {
      ResponseEncoder.writeJson(ex, 200, version);
      return;
    }
    if (isHealthPath(path)) {
      boolean ok = path.startsWith("/readyz") ? ready.getAsBoolean() : true;
      if ("true".equals(ex.query("verbose")) || ex.queryValues("verbose").contains("")) {
        ex.respondText(ok ? 200 : 500, (ok ? "[+]ping ok\n[+]etcd ok\n" : "[-]caches not synced\n") + (ok ? "healthz check passed\n" : "healthz check failed\n"));
      } else {
        ex.respondText(ok ? 200 : 500, ok ? "ok" : "caches not synced");
      }
      return;
    }
    String user = authenticator.authenticate(ex.header("Authorization"));
    if (user == null) {
      throw ApiException.unauthorized();
    }
    ex.setUser(user);
    if (hasDotSegment(ex.rawPath())) {
      // Jetty resolves them, so ".../configmaps/.." would act on the namespace. Kubernetes takes
      // such a segment as a name and refuses it; never let it address something else.
      throw ApiException.badRequest("invalid path \"" + ex.rawPath() + "\": a path segment may not be '.' or '..'");
    }
    if (path.equals("/metrics")) {
      ex.respond(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return;
    }
    Route route = null;
    for (Route r : routes) {
      if (r.matches(path)) {
        route = r;
        break;
      }
    }
    boolean longRunning = route != null ? route.isLongRunning(ex) : info != null && resources.isLongRunning(ex, info);
    if (longRunning) {
      serve(ex, info, route);
      return;
    }
    if (!inFlight.tryAcquire()) {
      throw ApiException.tooManyRequests(1);
    }
    try {
      serve(ex, info, route);
    } finally {
      inFlight.release();
    }
  }

  private void serve(HttpExchange ex, RequestInfo info, Route route) throws Exception {
    if (route != null) {
      route.handle(ex);
      return;
    }
    if (serveDiscovery(ex)) {
      return;
    }
    if (info == null || info.resource() == null) {
      throw new ApiException(404, "NotFound", "the server could not find the requested resource", null, null, null, null, null);
    }
    resources.handle(ex, info);
  }

  static boolean hasDotSegment(String rawPath) {
    for (String segment : rawPath.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isHealthPath(String path) {
    return path.equals("/healthz") || path.equals("/livez") || path.equals("/readyz")
        || path.startsWith("/healthz/") || path.startsWith("/livez/") || path.startsWith("/readyz/");
  }

  /** Discovery documents; true if the path was one. */
  private boolean serveDiscovery(HttpExchange ex) {
    String path = ex.path();
    if (!ex.method().equals("GET")) {
      return false;
    }
    String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    String[] parts = p.substring(1).split("/");
    if (p.equals("/api") || p.equals("/apis")) {
      String aggregated = aggregatedVersion(ex.header("Accept"));
      if (aggregated != null) {
        ex.respond(
            200,
            "application/json;g=apidiscovery.k8s.io;v=" + aggregated + ";as=APIGroupDiscoveryList",
            Json.bytes(discovery.aggregated(p.equals("/api"), aggregated)));
      } else if (p.equals("/api")) {
        ResponseEncoder.writeJson(ex, 200, discovery.apiVersions(ex.hostHeader()));
      } else {
        ResponseEncoder.writeJson(ex, 200, discovery.groupList());
      }
      return true;
    }
    if (parts.length == 2 && parts[0].equals("api")) {
      ObjectNode list = discovery.resourceList("", parts[1]);
      if (list == null) {
        return false;
      }
      ResponseEncoder.writeJson(ex, 200, list);
      return true;
    }
    if (parts.length == 2 && parts[0].equals("apis")) {
      ObjectNode group = discovery.group(parts[1]);
      if (group == null) {
        return false;
      }
      ResponseEncoder.writeJson(ex, 200, group);
      return true;
    }
    if (parts.length == 3 && parts[0].equals("apis")) {
      ObjectNode list = discovery.resourceList(parts[1], parts[2]);
      if (list == null) {
        return false;
      }
      ResponseEncoder.writeJson(ex, 200, list);
      return true;
    }
    return false;
  }

  /** The aggregated discovery version the client asked for first ("v2" or "v2beta1"), or null. */
  static String aggregatedVersion(String accept) {
    if (accept == null) {
      return null;
    }
    for (String range : accept.split(",")) {
      MediaTypes.MediaRange mr = MediaTypes.parse(range);
      if (mr.type().equals(MediaTypes.JSON) && "apidiscovery.k8s.io".equals(mr.params().get("g"))
          && "APIGroupDiscoveryList".equals(mr.params().get("as"))) {
        String v = mr.params().get("v");
        if ("v2".equals(v) || "v2beta1".equals(v)) {
          return v;
        }
      }
      if (mr.type().equals(MediaTypes.JSON) && !mr.params().containsKey("as")) {
        return null;
      }
    }
    return null;
  }
}
