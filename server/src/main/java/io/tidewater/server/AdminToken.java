package io.tidewater.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The admin bearer token, created once per data directory and kept there. */
public final class AdminToken {
  private AdminToken() {}

  public static String loadOrCreate(Path dataDir) {
    Path file = dataDir.resolve("admin.token");
    try {
      if (Files.exists(file)) {
        String t = Files.readString(file).trim();
        if (!t.isEmpty()) {
          return t;
        }
      }
      byte[] raw = new byte[32];
      new SecureRandom().nextBytes(raw);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
      Files.createDirectories(dataDir);
      Files.writeString(file, token + "\n");
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not POSIX
      }
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
