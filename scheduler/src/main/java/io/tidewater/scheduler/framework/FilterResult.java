package io.tidewater.scheduler.framework;

/** A filter's verdict with the reason a person reads in the binding. */
public record FilterResult(Admission admission, String reason) {
  public static final FilterResult ACCEPT = new FilterResult(Admission.ACCEPTS, "");

  public static FilterResult keeps(String reason) {
    return new FilterResult(Admission.KEEPS, reason);
  }

  public static FilterResult excluded(String reason) {
    return new FilterResult(Admission.EXCLUDED, reason);
  }
}
