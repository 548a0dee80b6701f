package io.tidewater.server.acceptance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Reads a stream line by line on a virtual thread so tests can wait for a line with a timeout. */
final class LineReader {
  private static final String EOF = "\u0000EOF";
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();

  LineReader(InputStream in) {
    Thread.startVirtualThread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          lines.add(line);
        }
      } catch (IOException e) {
        // the process ended
      } finally {
        lines.add(EOF);
      }
    });
  }

  /**
   * The first line (from now on) that matches, failing with everything read so far if none
   * arrives within the timeout or the stream ends first.
   */
  String await(Predicate<String> matching, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("no matching line within " + timeout + "; read: " + seen);
      }
      if (line.equals(EOF)) {
        lines.add(EOF);
        throw new AssertionError("stream ended without a matching line; read: " + seen);
      }
      seen.add(line);
      if (matching.test(line)) {
        return line;
      }
    }
  }

  List<String> seen() {
    return List.copyOf(seen);
  }
}
