package io.tidewater.server;

import picocli.CommandLine;

/** Tidewater's own version, read from the jar manifest when packaged. */
public final class TidewaterVersion {
  private TidewaterVersion() {}

  public static String version() {
    String v = TidewaterVersion.class.getPackage().getImplementationVersion();
    return v != null ? v : "0.1.0-dev";
  }

  /** Supplies {@code --version} for every command. */
  public static final class Provider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"tidewater " + version()};
    }
  }
}
