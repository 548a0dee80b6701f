package io.tidewater.apiserver.patch.apply;

import io.tidewater.api.json.JsonValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.GroupVersionKind;
import io.tidewater.api.schema.TypeNode;
import io.tidewater.apiserver.patch.PatchException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-side apply and {@code metadata.managedFields}, with the semantics of Kubernetes' field
 * manager (k8s.io/apimachinery/pkg/util/managedfields over sigs.k8s.io/structured-merge-diff).
 *
 * <p>One instance serves one kind at one endpoint (the resource or a subresource) and is immutable:
 *
 * <ul>
 *   <li>{@link #update} is for create, update and the three patch types (operation {@code Update}):
 *       the manager takes every field it added or changed, other managers lose those and every field
 *       that was removed;
 *   <li>{@link #apply} is for {@code application/apply-patch+yaml} (operation {@code Apply}): it merges
 *       the applied configuration into the live object by the schema (list-maps by key, sets by value,
 *       atomic values whole, maps by key unless atomic), removes what this manager applied before and
 *       no one owns any more, and refuses with {@link ApplyConflictException} to change values other
 *       managers own, unless forced, in which case it takes them over.
 * </ul>
 *
 * <p>Both return a new object carrying the re-encoded managedFields; inputs are never changed.
 * Fields listed as reset (for example {@code status} on the main resource, everything but
 * {@code status} on the status subresource) keep their live values and are never owned, as with
 * Kubernetes' reset fields.
 *
 * <p>Client-side apply interop: when {@code kubectl} (the manager {@code kubectl apply --server-side}
 * uses) conflicts only with fields still equal to the {@code last-applied-configuration} annotation,
 * the apply proceeds as forced, and a present annotation is rewritten to the new configuration.
 */
public final class FieldManager {

  /** The annotation client-side {@code kubectl apply} keeps its last configuration in. */
  public static final String LAST_APPLIED_ANNOTATION = LastAppliedConfiguration.ANNOTATION;

  /** How many Update entries are kept before the oldest are folded into {@code ancient-changes}. */
  public static final int MAX_UPDATE_MANAGERS = 10;

  /** Only this manager upgrades client-side apply state, as in Kubernetes. */
  static final String KUBECTL = "kubectl";

  private static final Logger LOG = LoggerFactory.getLogger(FieldManager.class);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /**
   * Fields no manager ever owns: type and identity metadata the server controls (Kubernetes' strip
   * set), plus the deletion fields, which Kubernetes sets on a path that bypasses its field manager.
   */
  static final FieldSet NEVER_OWNED =
      FieldSet.of(
          FieldPath.of("metadata", "deletionTimestamp"),
          FieldPath.of("metadata", "deletionGracePeriodSeconds"),
          FieldPath.of("apiVersion"),
          FieldPath.of("kind"),
          FieldPath.of("metadata"),
          FieldPath.of("metadata", "name"),
          FieldPath.of("metadata", "namespace"),
          FieldPath.of("metadata", "creationTimestamp"),
          FieldPath.of("metadata", "selfLink"),
          FieldPath.of("metadata", "uid"),
          FieldPath.of("metadata", "clusterName"),
          FieldPath.of("metadata", "generation"),
          FieldPath.of("metadata", "managedFields"),
          FieldPath.of("metadata", "resourceVersion"));

  private final TypeNode type;
  private final GroupVersionKind kind;
  private final String subresource;
  private final List<FieldPath> resetPaths;
  private final FieldSet resetFields;
  private final Clock clock;

  private FieldManager(
      TypeNode type, GroupVersionKind kind, String subresource, List<FieldPath> resetPaths, Clock clock) {
    this.type = Objects.requireNonNull(type, "type");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.subresource = subresource == null ? "" : subresource;
    for (FieldPath path : resetPaths) {
      if (path.elements().stream().anyMatch(pe -> !(pe instanceof PathElement.Field))) {
        throw new IllegalArgumentException("reset paths must name fields only: " + path);
      }
    }
    this.resetPaths = List.copyOf(resetPaths);
    this.resetFields = FieldSet.of(resetPaths.toArray(FieldPath[]::new));
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The field manager of a kind's main resource, resetting nothing. */
  public static FieldManager forKind(TypeNode type, GroupVersionKind kind) {
    return new FieldManager(type, kind, "", List.of(), Clock.systemUTC());
  }

  /**
   * The field manager of a kind's {@code status} subresource: writes there change only
   * {@code status}, and every other top-level field is reset.
   */
  public static FieldManager forStatusSubresource(TypeNode type, GroupVersionKind kind) {
    List<FieldPath> reset = new ArrayList<>();
    for (String field : type.fieldNames()) {
      if (!field.equals("status") && !field.equals("apiVersion") && !field.equals("kind")) {
        reset.add(FieldPath.of(field));
      }
    }
    return new FieldManager(type, kind, "status", reset, Clock.systemUTC());
  }

  /** The same manager at a subresource endpoint, recorded in managedFields as {@code subresource}. */
  public FieldManager withSubresource(String name) {
    return new FieldManager(type, kind, name, resetPaths, clock);
  }

  /** The same manager with these fields reset, e.g. {@code FieldPath.of("status")} on a resource with a status subresource. */
  public FieldManager withResetFields(FieldPath... paths) {
    return new FieldManager(type, kind, subresource, Arrays.asList(paths), clock);
  }

  /** The same manager reading time from this clock (managedFields' {@code time}). */
  public FieldManager withClock(Clock newClock) {
    return new FieldManager(type, kind, subresource, resetPaths, newClock);
  }

  // ---------------------------------------------------------------- Update

  /**
   * Records a create ({@code live == null}), update or non-apply patch by {@code manager}.
   *
   * <p>The managedFields of {@code updated} are used when a client sent them (non-empty and valid),
   * reset when it sent {@code []}, and taken from {@code live} otherwise; subresources always use
   * live's. If the objects cannot be compared by the schema the live managedFields are kept, and the
   * write is not refused, as in Kubernetes.
   *
   * @return a copy of {@code updated} with its managedFields re-encoded
   */
  public ObjectNode update(ObjectNode live, ObjectNode updated, String manager) {
    Objects.requireNonNull(updated, "updated");
    requireManager(manager);
    ManagedFieldSets managed = managedForUpdate(live, updated);
    ObjectNode result = updated.deepCopy();
    removeManagedFields(result);
    JsonNode before = live == null ? TypedValues.zeroValue(type) : withoutManagedFields(live);
    try {
      TypedValues.Comparison comparison =
          TypedValues.compare(
                  TypedValues.withGoZeroValues(before, type), TypedValues.withGoZeroValues(result, type), type)
              .excluding(resetFields);
      FieldSet changed = comparison.changed();
      for (ManagerIdentity id : new ArrayList<>(managed.managers())) {
        ManagedFieldSets.Entry entry = managed.get(id);
        managed.put(id, entry.withFields(entry.fields().difference(changed).difference(comparison.removed())));
      }
      FieldSet taken = changed.difference(NEVER_OWNED);
      if (!taken.isEmpty()) {
        ManagerIdentity me = ManagerIdentity.update(manager, kind.apiVersion(), subresource);
        ManagedFieldSets.Entry previous = managed.get(me);
        FieldSet fields = previous == null ? taken : previous.fields().union(taken);
        managed.put(me, new ManagedFieldSets.Entry(fields, kind.apiVersion(), clock.instant()));
      }
      managed.removeEmpty();
      managed.capUpdateManagers(MAX_UPDATE_MANAGERS);
    } catch (TypedValueException e) {
      LOG.warn("cannot track field ownership of {} {}: {}; keeping the live managedFields", kind, name(updated), e.getMessage());
      managed = decodeOrEmpty(live);
    }
    writeManagedFields(result, managed);
    return result;
  }

  private ManagedFieldSets managedForUpdate(ObjectNode live, ObjectNode updated) {
    if (!subresource.isEmpty()) {
      return decodeOrEmpty(live);
    }
    JsonNode requested = updated.path("metadata").get("managedFields");
    if (requested != null && requested.isArray()) {
      boolean reset = requested.isEmpty() || (requested.size() == 1 && requested.get(0).isEmpty());
      if (reset) {
        return ManagedFieldSets.empty();
      }
      try {
        ManagedFieldSets decoded = ManagedFieldSets.decode(requested);
        if (!decoded.managers().isEmpty()) {
          return decoded;
        }
      } catch (IllegalArgumentException e) {
        LOG.debug("ignoring invalid managedFields in the request: {}", e.getMessage());
      }
    }
    return decodeOrEmpty(live);
  }

  // ---------------------------------------------------------------- Apply

  /**
   * Server-side applies a configuration ({@code live == null} creates the object).
   *
   * @param force take over fields other managers own instead of failing
   * @return the merged object with its managedFields re-encoded
   * @throws ApplyConflictException 409 when other managers own fields this apply would change
   * @throws PatchException 400 for a configuration of another version or kind, with managedFields,
   *     or with fields the schema does not declare; 422 when it does not fit the schema otherwise
   */
  public ObjectNode apply(ObjectNode live, ObjectNode config, String manager, boolean force) {
    Objects.requireNonNull(config, "config");
    requireManager(manager);
    checkConfig(config);
    ManagedFieldSets managed;
    try {
      managed = live == null ? ManagedFieldSets.empty() : ManagedFieldSets.decode(live.path("metadata").get("managedFields"));
    } catch (IllegalArgumentException e) {
      throw PatchException.unprocessable("failed to decode managed fields: " + e.getMessage());
    }
    ObjectNode result;
    try {
      result = applyOnce(live, config, manager, force, managed.copy());
    } catch (ApplyConflictException conflict) {
      result = upgradeClientSideApply(live, config, manager, managed, conflict);
    }
    if (manager.equals(KUBECTL) && LastAppliedConfiguration.isPresent(result)) {
      LastAppliedConfiguration.record(result, config);
    }
    return result;
  }

  private ObjectNode applyOnce(
      ObjectNode live, ObjectNode config, String manager, boolean force, ManagedFieldSets managed) {
    ManagerIdentity me = ManagerIdentity.apply(manager, subresource);
    ObjectNode applied = config.deepCopy();
    resetPaths.forEach(path -> remove(applied, path));
    FieldSet appliedFields;
    try {
      appliedFields = TypedValues.toFieldSet(applied, type, true).recursiveDifference(resetFields);
    } catch (TypedValueException e) {
      String message = "failed to create typed patch object (" + describe(config) + "): " + e.getMessage();
      throw e.undeclaredField() ? PatchException.badRequest(message) : PatchException.unprocessable(message);
    }
    ObjectNode before = live == null ? JSON.objectNode() : withoutManagedFields(live);
    try {
      JsonNode merged = TypedValues.merge(before, applied, type);
      ManagedFieldSets.Entry last = managed.get(me);
      Instant lastTime = last == null ? null : last.time();
      managed.put(me, new ManagedFieldSets.Entry(appliedFields, kind.apiVersion(), lastTime));
      if (last != null && !last.fields().isEmpty()) {
        merged = prune(merged, managed, last.fields());
      }
      TypedValues.Comparison comparison =
          TypedValues.compare(
                  TypedValues.withGoZeroValues(before, type), TypedValues.withGoZeroValues(merged, type), type)
              .excluding(resetFields);
      FieldSet changed = comparison.changed();
      List<ApplyConflict> conflicts = new ArrayList<>();
      for (ManagerIdentity id : managed.managers()) {
        if (!id.equals(me)) {
          managed.get(id).fields().intersection(changed).paths().forEach(p -> conflicts.add(new ApplyConflict(id, p)));
        }
      }
      if (!force && !conflicts.isEmpty()) {
        throw new ApplyConflictException(conflicts);
      }
      for (ManagerIdentity id : new ArrayList<>(managed.managers())) {
        if (!id.equals(me)) {
          ManagedFieldSets.Entry entry = managed.get(id);
          managed.put(id, entry.withFields(entry.fields().difference(changed).difference(comparison.removed())));
        }
      }
      ObjectNode result = (ObjectNode) TypedValues.withoutNulls(merged);
      // As in Kubernetes, the time moves only when the apply changed the object.
      boolean changedObject = !JsonValues.equal(before, result);
      Instant time = changedObject || lastTime == null ? clock.instant() : lastTime;
      managed.put(me, new ManagedFieldSets.Entry(appliedFields.difference(NEVER_OWNED), kind.apiVersion(), time));
      managed.removeEmpty();
      managed.capUpdateManagers(MAX_UPDATE_MANAGERS);
      writeManagedFields(result, managed);
      return result;
    } catch (TypedValueException e) {
      throw PatchException.unprocessable("failed to create typed live object (" + describe(config) + "): " + e.getMessage());
    }
  }

  /**
   * Removes what this manager applied last time but not now, unless another manager (or this
   * configuration) still owns it. A struct field counts as owned while anything under it is.
   */
  private JsonNode prune(JsonNode merged, ManagedFieldSets managed, FieldSet lastApplied) {
    FieldSet last = TypedValues.ensureNamedFieldsAreMembers(lastApplied, type);
    FieldSet owned = TypedValues.ensureNamedFieldsAreMembers(managed.union(), type);
    return TypedValues.removeItems(merged, last.difference(owned), type);
  }

  /**
   * {@code kubectl apply --server-side} after client-side {@code kubectl apply}: conflicts with
   * fields that still hold their last-applied value belong to the same user, so they are taken over.
   */
  private ObjectNode upgradeClientSideApply(
      ObjectNode live, ObjectNode config, String manager, ManagedFieldSets managed, ApplyConflictException conflict) {
    if (!manager.equals(KUBECTL) || live == null) {
      throw conflict;
    }
    FieldSet allowed = LastAppliedConfiguration.fieldsStillAsApplied(live, type, kind);
    if (allowed == null) {
      throw conflict;
    }
    List<ApplyConflict> remaining = new ArrayList<>();
    for (ApplyConflict c : conflict.conflicts()) {
      if (!allowed.has(c.path())) {
        remaining.add(c);
      }
    }
    if (!remaining.isEmpty()) {
      throw new ApplyConflictException(remaining);
    }
    return applyOnce(live, config, manager, true, managed.copy());
  }

  private void checkConfig(ObjectNode config) {
    String apiVersion = config.path("apiVersion").asText("");
    if (!apiVersion.equals(kind.apiVersion())) {
      throw PatchException.badRequest(
          "Incorrect version specified in apply patch. Specified patch version: " + apiVersion + ", expected: "
              + kind.apiVersion());
    }
    String kindName = config.path("kind").asText("");
    if (!kindName.equals(kind.kind())) {
      throw PatchException.badRequest(
          "Incorrect kind specified in apply patch. Specified patch kind: " + kindName + ", expected: " + kind.kind());
    }
    JsonNode managedFields = config.path("metadata").get("managedFields");
    if (managedFields != null && !managedFields.isNull()) {
      throw PatchException.badRequest("metadata.managedFields must be nil");
    }
  }

  // ---------------------------------------------------------------- helpers

  private static void requireManager(String manager) {
    if (manager == null || manager.isBlank()) {
      throw PatchException.badRequest("fieldManager is required");
    }
  }

  private static ManagedFieldSets decodeOrEmpty(ObjectNode object) {
    if (object == null) {
      return ManagedFieldSets.empty();
    }
    try {
      return ManagedFieldSets.decode(object.path("metadata").get("managedFields"));
    } catch (IllegalArgumentException e) {
      LOG.debug("resetting invalid managedFields of {}: {}", name(object), e.getMessage());
      return ManagedFieldSets.empty();
    }
  }

  private static void writeManagedFields(ObjectNode object, ManagedFieldSets managed) {
    var encoded = managed.encode();
    if (encoded.isEmpty()) {
      removeManagedFields(object);
    } else {
      metadata(object).set("managedFields", encoded);
    }
  }

  static ObjectNode withoutManagedFields(ObjectNode object) {
    ObjectNode copy = object.deepCopy();
    removeManagedFields(copy);
    return copy;
  }

  private static void removeManagedFields(ObjectNode object) {
    if (object.get("metadata") instanceof ObjectNode metadata) {
      metadata.remove("managedFields");
    }
  }

  static ObjectNode metadata(ObjectNode object) {
    if (!(object.get("metadata") instanceof ObjectNode)) {
      object.putObject("metadata");
    }
    return (ObjectNode) object.get("metadata");
  }

  private static void remove(ObjectNode object, FieldPath path) {
    JsonNode node = object;
    List<PathElement> elements = path.elements();
    for (int i = 0; i < elements.size() - 1 && node != null; i++) {
      node = node.get(((PathElement.Field) elements.get(i)).name());
    }
    if (node instanceof ObjectNode parent) {
      parent.remove(((PathElement.Field) elements.get(elements.size() - 1)).name());
    }
  }

  private String describe(ObjectNode object) {
    JsonNode metadata = object.path("metadata");
    return metadata.path("namespace").asText("") + "/" + metadata.path("name").asText("") + "; " + kind;
  }

  static String name(ObjectNode object) {
    return object == null ? "<none>" : object.path("metadata").path("name").asText("<unnamed>");
  }
}
