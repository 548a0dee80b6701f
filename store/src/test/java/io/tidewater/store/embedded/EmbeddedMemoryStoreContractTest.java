package io.tidewater.store.embedded;

import io.tidewater.store.Store;
import io.tidewater.store.StoreContractTest;

/** The contract in memory, with the default history. */
class EmbeddedMemoryStoreContractTest extends StoreContractTest {
  @Override
  protected Store openStore() {
    return EmbeddedStore.inMemory();
  }
}
