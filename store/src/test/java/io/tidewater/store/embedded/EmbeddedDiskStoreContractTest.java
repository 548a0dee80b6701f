package io.tidewater.store.embedded;

import io.tidewater.store.Store;
import io.tidewater.store.StoreContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract on disk, with a tiny in-memory history so that old reads and watch replays mostly
 * come from SQLite, and cross from SQLite to memory.
 */
class EmbeddedDiskStoreContractTest extends StoreContractTest {
  @TempDir Path dir;

  @Override
  protected Store openStore() {
    return EmbeddedStore.open(EmbeddedStoreOptions.onDisk(dir.resolve("store")).withHistoryCapacity(2));
  }
}
