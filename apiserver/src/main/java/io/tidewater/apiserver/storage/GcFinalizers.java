package io.tidewater.apiserver.storage;

/** The finalizers through which the garbage collector implements deletion propagation. */
public final class GcFinalizers {
  private GcFinalizers() {}

  public static final String FOREGROUND = "foregroundDeletion";
  public static final String ORPHAN = "orphan";
}
