package io.tidewater.store;

/** An infrastructure failure of the store (I/O, lost connection, closed store). */
public class StoreException extends RuntimeException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
