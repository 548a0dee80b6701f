package io.tidewater.simulator.hosting;

import java.io.EOFException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;

/**
 * The requests a member is serving right now, so that making the member unreachable can cut them
 * (watches above all) the way a lost network would: the HTTP/2 stream is reset, or the HTTP/1.1
 * connection closed, without a response.
 */
final class InFlightRequests {
  private final Set<AtomicReference<HttpStream>> streams = ConcurrentHashMap.newKeySet();

  /** Registers a request; the returned handle must be released when the request completes. */
  AtomicReference<HttpStream> register(Request request) {
    AtomicReference<HttpStream> ref = new AtomicReference<>();
    request.addHttpStreamWrapper(stream -> {
      ref.set(stream);
      return stream;
    });
    streams.add(ref);
    return ref;
  }

  void release(AtomicReference<HttpStream> ref) {
    streams.remove(ref);
  }

  /** Cuts every registered request. */
  void abortAll() {
    for (AtomicReference<HttpStream> ref : streams) {
      abort(ref);
    }
  }

  static void abort(AtomicReference<HttpStream> ref) {
    HttpStream s = ref.get();
    if (s != null) {
      s.failed(new EOFException("simulated member unreachable"));
    }
  }

  int size() {
    return streams.size();
  }
}
