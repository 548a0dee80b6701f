package io.tidewater.controllers.scheduling;

import io.tidewater.scheduler.model.ClusterSnapshot;
import java.util.List;
import java.util.function.Consumer;

/** The scheduler's view of the fleet: one snapshot per member, refreshed as members change. */
public interface FleetSnapshots {

  /** Every member (not-ready ones with {@code ready=false}); only members whose caches have synced. */
  List<ClusterSnapshot> snapshots();

  /** Whether every registered member has a synced snapshot (never schedule on a partial fleet). */
  boolean synced();

  /** Tells {@code listener} the name of a member that joined, left, or whose spec or readiness changed. */
  void onChange(Consumer<String> listener);

  /**
   * Tells {@code listener} the name of a member whose free capacity changed. Every pod change
   * does that, so listeners should coalesce; by default nobody is told.
   */
  default void onCapacityChange(Consumer<String> listener) {}
}
