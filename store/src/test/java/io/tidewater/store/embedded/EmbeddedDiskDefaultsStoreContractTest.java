package io.tidewater.store.embedded;

import io.tidewater.store.Store;
import io.tidewater.store.StoreContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract on disk with the default options, where recent history is served from memory. */
class EmbeddedDiskDefaultsStoreContractTest extends StoreContractTest {
  @TempDir Path dir;

  @Override
  protected Store openStore() {
    return EmbeddedStore.open(dir.resolve("store"));
  }
}
