package io.tidewater.controllers.execution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.meta.TidewaterLabels;
import io.tidewater.api.work.Work;

/**
 * Who a member object belongs to, read from Tidewater's labels. Tidewater writes and deletes only
 * objects that carry its managed-by label and the binding they come from: anything else in a
 * member is someone else's.
 */
public final class MemberOwnership {
  private MemberOwnership() {}

  /** {@code <namespace>.<binding name>}, the value of {@link TidewaterLabels#BINDING} on member objects. */
  public static String bindingId(String bindingNamespace, String bindingName) {
    return bindingNamespace + "." + bindingName;
  }

  public static boolean isManaged(ObjectNode memberObject) {
    return TidewaterLabels.MANAGED_BY_VALUE.equals(ObjectMetas.label(memberObject, TidewaterLabels.MANAGED_BY));
  }

  public static boolean isOwnedBy(ObjectNode memberObject, String bindingId) {
    return isManaged(memberObject) && bindingId.equals(ObjectMetas.label(memberObject, TidewaterLabels.BINDING));
  }

  /** Who holds an object that is not ours, for conflict messages. */
  public static String describeOwner(ObjectNode memberObject) {
    if (!isManaged(memberObject)) {
      return "exists without Tidewater's labels";
    }
    return "belongs to binding " + ObjectMetas.label(memberObject, TidewaterLabels.BINDING);
  }

  /**
   * The Work of member {@code cluster} that a binding id names ({@link Work#nameFor}, in the
   * member's execution namespace). Null when the id is malformed. Namespaces are DNS labels, so the
   * first dot ends the namespace.
   */
  public static WorkName workOf(String cluster, String bindingId) {
    int dot = bindingId == null ? -1 : bindingId.indexOf('.');
    if (dot <= 0 || dot == bindingId.length() - 1) {
      return null;
    }
    String namespace = bindingId.substring(0, dot);
    String bindingName = bindingId.substring(dot + 1);
    return new WorkName(Work.executionNamespace(cluster), Work.nameFor(namespace, bindingName), namespace, bindingName);
  }

  /** A Work's namespace and name, and the namespace and name of the binding it belongs to. */
  public record WorkName(String namespace, String name, String bindingNamespace, String bindingName) {}
}
