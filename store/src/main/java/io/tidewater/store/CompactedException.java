package io.tidewater.store;

/** The requested revision is older than the store's compaction revision. */
public class CompactedException extends StoreException {
  private final long compactRevision;

  public CompactedException(long requested, long compactRevision) {
    super("revision " + requested + " has been compacted; the oldest available is " + compactRevision);
    this.compactRevision = compactRevision;
  }

  public long compactRevision() {
    return compactRevision;
  }
}
