package io.tidewater.member.write;

/** An object on a member by type and name; {@code namespace} is null for cluster-scoped kinds. */
public record ObjectReference(String apiVersion, String kind, String namespace, String name) {
  @Override
  public String toString() {
    return apiVersion + "/" + kind + " " + (namespace == null ? "" : namespace + "/") + name;
  }
}
