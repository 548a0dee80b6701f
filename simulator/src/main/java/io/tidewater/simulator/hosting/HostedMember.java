package io.tidewater.simulator.hosting;

import io.tidewater.simulator.SimulatedCluster;
import io.tidewater.simulator.faults.ClusterFaults;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One member as the fleet serves it: requests pass the member's request faults (unreachable,
 * latency), then reach its API server with the fleet's path prefix removed.
 */
final class HostedMember {
  private final SimulatedCluster cluster;
  private final InFlightRequests inFlight = new InFlightRequests();

  HostedMember(SimulatedCluster cluster) {
    this.cluster = cluster;
    cluster.faults().onUnreachable(inFlight::abortAll);
  }

  SimulatedCluster cluster() {
    return cluster;
  }

  boolean serve(Request request, String memberPath, Response response, Callback callback) throws Exception {
    if ("websocket".equalsIgnoreCase(request.getHeaders().get("Upgrade"))) {
      // The API server streams watches over plain HTTP only. fabric8 tries a websocket first and
      // falls back to an HTTP watch on a 503 (as behind kubectl proxy); left unanswered, the
      // upgrade would be served as a never-ending watch and the client would wait for ever.
      JsonResponses.status(response, callback, 503, "ServiceUnavailable", "watches over websockets are not served; watch over HTTP");
      return true;
    }
    ClusterFaults faults = cluster.faults();
    Duration latency = faults.latency();
    if (!latency.isZero() && !faults.isUnreachable()) {
      Thread.sleep(latency); // on the request's virtual thread; bounded by ClusterFaults
    }
    AtomicReference<HttpStream> stream = inFlight.register(request);
    if (faults.isUnreachable()) {
      refuse(stream, callback);
      inFlight.release(stream);
      return true;
    }
    Callback done = Callback.from(
        () -> {
          inFlight.release(stream);
          callback.succeeded();
        },
        failure -> {
          inFlight.release(stream);
          callback.failed(failure);
        });
    return cluster.handler().handle(new MemberRequest(request, memberPath), response, done);
  }

  /**
   * An unreachable member answers nothing: the stream is failed before any response, so an
   * HTTP/2 client sees its stream reset and an HTTP/1.1 client its connection closed, as when the
   * network to a cluster is gone. A polite 503 would let clients believe the member is up.
   */
  private static void refuse(AtomicReference<HttpStream> stream, Callback callback) {
    InFlightRequests.abort(stream);
    // The stream is already gone: completing normally keeps Jetty from trying to send an error page on it.
    callback.succeeded();
  }
}
