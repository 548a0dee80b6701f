package io.tidewater.simulator.hosting;

import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;

/**
 * A request as a member's API server must see it: the fleet's {@code /clusters/<name>} prefix
 * removed from the path, everything else untouched.
 */
final class MemberRequest extends Request.Wrapper {
  private final HttpURI uri;

  MemberRequest(Request wrapped, String strippedRawPath) {
    super(wrapped);
    this.uri = HttpURI.build(wrapped.getHttpURI()).path(strippedRawPath).asImmutable();
  }

  @Override
  public HttpURI getHttpURI() {
    return uri;
  }
}
