package io.tidewater.apiserver.http;

import io.tidewater.apiserver.errors.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * One HTTP request and its response, in blocking style (handlers run on virtual threads). Keeps
 * Jetty's API in this package; everything above it sees paths, parameters, bodies and writes.
 */
public final class HttpExchange {
  private final Request request;
  private final Response response;
  private final Callback callback;
  private final Fields query;
  private boolean committed;
  private int status;
  private String user;
  private boolean bodyRead;

  /** How much of an unwanted request body is read (and dropped) so that the client sees the error. */
  static final long MAX_DISCARDED_BYTES = 16L * 1024 * 1024;

  HttpExchange(Request request, Response response, Callback callback) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
  }

  public String method() {
    return request.getMethod();
  }

  /** The decoded path, without the query. */
  public String path() {
    String p = request.getHttpURI().getDecodedPath();
    return p == null || p.isEmpty() ? "/" : p;
  }

  /** The path as the client sent it: still encoded, dot segments not resolved. */
  public String rawPath() {
    String p = request.getHttpURI().getPath();
    return p == null || p.isEmpty() ? "/" : p;
  }

  public String rawQuery() {
    return request.getHttpURI().getQuery();
  }

  /** The first value of a query parameter, or null. */
  public String query(String name) {
    Fields.Field f = query.get(name);
    return f == null ? null : f.getValue();
  }

  public List<String> queryValues(String name) {
    Fields.Field f = query.get(name);
    return f == null ? List.of() : f.getValues();
  }

  public String header(String name) {
    return request.getHeaders().get(name);
  }

  public List<String> headerValues(String name) {
    return request.getHeaders().getValuesList(name);
  }

  /** The authenticated user's name (set by the authenticator). */
  public String user() {
    return user;
  }

  void setUser(String user) {
    this.user = user;
  }

  public boolean isSecure() {
    return request.isSecure();
  }

  public String hostHeader() {
    return request.getHttpURI().getAuthority();
  }

  /**
   * Reads the whole body, refusing more than {@code maxBytes}.
   *
   * @throws ApiException 413 when the body is too large
   */
  public byte[] body(int maxBytes) {
    bodyRead = true;
    long declared = request.getLength();
    try (InputStream in = Content.Source.asInputStream(request)) {
      if (declared > maxBytes) {
        discard(in, declared);
        throw ApiException.tooLarge("the request body of " + declared + " bytes exceeds the limit of " + maxBytes + " bytes");
      }
      byte[] data = in.readNBytes(maxBytes + 1);
      if (data.length > maxBytes) {
        discard(in, declared);
        throw ApiException.tooLarge("the request body exceeds the limit of " + maxBytes + " bytes");
      }
      return data;
    } catch (IOException e) {
      throw ApiException.badRequest("could not read the request body: " + e.getMessage());
    }
  }

  /**
   * Reads and drops the request body if the handler has not read it, before an error is sent:
   * a client still sending its body then reads the answer. Without this, HTTP/2 resets the stream
   * and clients such as the JDK's report a failed request instead of the Status.
   */
  public void discardUnreadBody() {
    if (bodyRead) {
      return;
    }
    bodyRead = true;
    try (InputStream in = Content.Source.asInputStream(request)) {
      discard(in, request.getLength());
    } catch (IOException e) {
      // the client has gone; nothing to answer
    }
  }

  /** Drops up to {@link #MAX_DISCARDED_BYTES}; a body declared larger is not read at all. */
  private static void discard(InputStream in, long declared) throws IOException {
    if (declared > MAX_DISCARDED_BYTES) {
      return;
    }
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while (total <= MAX_DISCARDED_BYTES && (n = in.read(buffer)) >= 0) {
      total += n;
    }
  }

  public void setHeader(String name, String value) {
    response.getHeaders().put(name, value);
  }

  public void addHeader(String name, String value) {
    response.getHeaders().add(new HttpField(name, value));
  }

  public boolean isCommitted() {
    return committed;
  }

  public int status() {
    return status;
  }

  /** Sends a complete response. */
  public void respond(int status, String contentType, byte[] body) {
    this.status = status;
    committed = true;
    response.setStatus(status);
    if (contentType != null) {
      response.getHeaders().put("Content-Type", contentType);
    }
    response.getHeaders().put("Content-Length", Integer.toString(body.length));
    response.getHeaders().put("Cache-Control", "no-cache, private");
    try {
      Content.Sink.write(response, true, ByteBuffer.wrap(body));
    } catch (IOException e) {
      // The client went away; nothing left to tell it.
    }
  }

  public void respondText(int status, String text) {
    respond(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  /** Starts a streamed response (watches): headers now, then {@link #write} chunks. */
  public void startStream(int status, String contentType) {
    this.status = status;
    committed = true;
    response.setStatus(status);
    response.getHeaders().put("Content-Type", contentType);
    response.getHeaders().put("Cache-Control", "no-cache, private");
    writeChunk(ByteBuffer.allocate(0));
  }

  /** Writes and flushes one chunk; false if the client has gone. */
  public boolean write(byte[] chunk) {
    return writeChunk(ByteBuffer.wrap(chunk));
  }

  private boolean writeChunk(ByteBuffer buffer) {
    try {
      Content.Sink.write(response, false, buffer);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Ends a streamed response. */
  public void endStream() {
    try {
      Content.Sink.write(response, true, ByteBuffer.allocate(0));
    } catch (IOException e) {
      // client gone
    }
  }

  /** Registers a callback for when the client disconnects or the stream fails. */
  public void onFailure(Runnable r) {
    request.addFailureListener(t -> r.run());
  }

  void complete() {
    callback.succeeded();
  }

  void fail(Throwable t) {
    callback.failed(t);
  }
}
