package io.tidewater.store.embedded;

import io.tidewater.store.WriteResult;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child process of {@link DurabilityTest}: creates keys one by one in an embedded store and
 * prints {@code ACK <key> <revision>} for each, only after the write has returned. It never closes
 * the store; the parent kills it with SIGKILL.
 */
public final class DurabilityWriter {
  private DurabilityWriter() {}

  static String key(int i) {
    return String.format("/durability/key-%05d", i);
  }

  static String value(int i) {
    return "value-" + i;
  }

  public static void main(String[] args) throws InterruptedException {
    Path dir = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    EmbeddedStore store = EmbeddedStore.open(dir);
    for (int i = 0; i < count; i++) {
      WriteResult result = store.create(key(i), value(i).getBytes(StandardCharsets.UTF_8));
      if (!(result instanceof WriteResult.Written written)) {
        throw new IllegalStateException("unexpected " + result);
      }
      out.println("ACK " + key(i) + " " + written.kv().modRevision());
      out.flush();
    }
    out.println("DONE");
    out.flush();
    // Wait to be killed; give up eventually so an orphan never lingers.
    Thread.sleep(120_000);
    System.exit(3);
  }
}
