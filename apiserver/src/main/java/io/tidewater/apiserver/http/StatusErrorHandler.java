package io.tidewater.apiserver.http;

import io.tidewater.api.json.Json;
import io.tidewater.apiserver.errors.ApiException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty raises before a request reaches the API (an ambiguous or malformed URI, an
 * oversized header) answered as a Kubernetes {@code Status} in JSON, like every other API error,
 * instead of Jetty's HTML page.
 */
final class StatusErrorHandler extends ErrorHandler {

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) {
    byte[] body = Json.bytes(status(code, message).toStatus());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, MediaTypes.JSON);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  @Override
  public ByteBuffer badMessageError(int code, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, MediaTypes.JSON));
    return ByteBuffer.wrap(Json.bytes(status(code, reason).toStatus()));
  }

  private static ApiException status(int code, String message) {
    String text = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
    String reason = switch (code) {
      case 404 -> "NotFound";
      case 405 -> "MethodNotAllowed";
      case 408 -> "Timeout";
      case 413 -> "RequestEntityTooLarge";
      case 415 -> "UnsupportedMediaType";
      default -> code >= 500 ? "InternalError" : "BadRequest";
    };
    return new ApiException(code, reason, text, null, null, null, null, null);
  }
}
