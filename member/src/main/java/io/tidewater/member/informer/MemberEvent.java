package io.tidewater.member.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * One change seen by a member informer. The objects are the informer's cached fabric8 instances,
 * shared with every other subscriber: read them, never change them ({@link
 * io.tidewater.member.MemberObjects#toJson} gives a private JSON copy).
 *
 * @param previous the state before an UPDATED event; null otherwise
 * @param finalStateUnknown for DELETED: the informer inferred the deletion on a relist, so
 *     {@code object} is the last state it saw rather than the state at deletion
 */
public record MemberEvent<T extends HasMetadata>(Type type, T object, T previous, boolean finalStateUnknown) {

  public enum Type {
    ADDED,
    UPDATED,
    DELETED
  }

  public static <T extends HasMetadata> MemberEvent<T> added(T object) {
    return new MemberEvent<>(Type.ADDED, object, null, false);
  }

  public static <T extends HasMetadata> MemberEvent<T> updated(T previous, T object) {
    return new MemberEvent<>(Type.UPDATED, object, previous, false);
  }

  public static <T extends HasMetadata> MemberEvent<T> deleted(T object, boolean finalStateUnknown) {
    return new MemberEvent<>(Type.DELETED, object, null, finalStateUnknown);
  }
}
