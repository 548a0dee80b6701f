package io.tidewater.member.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * A member's response, with its body as a stream read as it arrives (watches and followed logs
 * never end by themselves). Close it to release the connection.
 */
public final class ForwardedResponse implements AutoCloseable {
  private final int code;
  private final Map<String, List<String>> headers;
  private final InputStream body;

  public ForwardedResponse(int code, Map<String, List<String>> headers, InputStream body) {
    this.code = code;
    this.headers = headers;
    this.body = body;
  }

  public int code() {
    return code;
  }

  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of a header, case-insensitively, or null. */
  public String header(String name) {
    for (var e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  public InputStream body() {
    return body;
  }

  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException e) {
      // the connection is going away either way
    }
  }
}
