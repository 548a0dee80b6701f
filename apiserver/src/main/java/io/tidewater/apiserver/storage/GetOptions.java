package io.tidewater.apiserver.storage;

/** Query options of a GET: {@code resourceVersion} "" (latest, consistent), "0" (any), or N (not older than). */
public record GetOptions(String resourceVersion) {
  public static final GetOptions LATEST = new GetOptions("");
}
