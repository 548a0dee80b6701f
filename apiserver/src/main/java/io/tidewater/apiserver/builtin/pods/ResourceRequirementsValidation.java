package io.tidewater.apiserver.builtin.pods;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.api.validation.NameRules;
import io.tidewater.api.quantity.Quantities;
import io.tidewater.api.quantity.Quantity;
import io.tidewater.apiserver.builtin.support.FieldErrors;
import io.tidewater.apiserver.builtin.support.FieldPath;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Kubernetes' {@code ValidateResourceRequirements} for a container's (or a pod's) resources. */
public final class ResourceRequirementsValidation {
  private ResourceRequirementsValidation() {}

  private static final Set<String> STANDARD_CONTAINER_RESOURCES = Set.of("cpu", "memory", "ephemeral-storage");

  public static void validate(JsonNode resources, FieldPath path, FieldErrors errs) {
    if (resources == null || !resources.isObject()) {
      return;
    }
    FieldPath limPath = path.child("limits");
    FieldPath reqPath = path.child("requests");
    Map<String, Quantity> limits = quantities(resources.get("limits"), limPath, errs);
    Map<String, Quantity> requests = quantities(resources.get("requests"), reqPath, errs);
    boolean cpuOrMemory = false;
    boolean hugePages = false;
    for (Map.Entry<String, Quantity> e : limits.entrySet()) {
      cpuOrMemory |= e.getKey().equals("cpu") || e.getKey().equals("memory");
      hugePages |= isHugePages(e.getKey());
    }
    for (Map.Entry<String, Quantity> e : requests.entrySet()) {
      String name = e.getKey();
      Quantity request = e.getValue();
      Quantity limit = limits.get(name);
      if (limit != null) {
        if (request.compareTo(limit) != 0 && !overcommitAllowed(name)) {
          errs.invalid(reqPath, request.toString(), "must be equal to " + name + " limit of " + limit);
        } else if (request.compareTo(limit) > 0) {
          errs.invalid(reqPath, request.toString(), "must be less than or equal to " + name + " limit of " + limit);
        }
      } else if (!overcommitAllowed(name)) {
        errs.required(limPath, "Limit must be set for non overcommitable resources");
      }
      cpuOrMemory |= name.equals("cpu") || name.equals("memory");
      hugePages |= isHugePages(name);
    }
    if (!cpuOrMemory && hugePages) {
      errs.forbidden(path, "HugePages require cpu or memory");
    }
  }

  /** Validates names and values of one ResourceList and returns the parseable entries. */
  private static Map<String, Quantity> quantities(JsonNode list, FieldPath path, FieldErrors errs) {
    Map<String, Quantity> out = new LinkedHashMap<>();
    if (list == null || !list.isObject()) {
      return out;
    }
    list.properties().forEach(e -> {
      String name = e.getKey();
      FieldPath p = path.key(name);
      boolean nameOk = validateName(name, p, errs);
      Quantity q;
      try {
        q = Quantities.parse(e.getValue());
      } catch (IllegalArgumentException ex) {
        errs.invalid(p, e.getValue().asText(), ex.getMessage());
        return;
      }
      if (q.isNegative()) {
        errs.invalid(p, q.toString(), "must be greater than or equal to 0");
      }
      if (nameOk && isExtended(name) && q.milliValue() % 1000 != 0) {
        errs.invalid(p, q.toString(), "must be an integer");
      }
      out.put(name, q);
    });
    return out;
  }

  /** {@code validateContainerResourceName}. */
  private static boolean validateName(String name, FieldPath p, FieldErrors errs) {
    var qualified = NameRules.qualifiedName(name);
    if (!qualified.isEmpty()) {
      errs.invalidEach(p, name, qualified);
      return false;
    }
    if (!name.contains("/")) {
      if (!STANDARD_CONTAINER_RESOURCES.contains(name) && !isHugePages(name)) {
        errs.invalid(p, name, "must be a standard resource for containers");
        return false;
      }
    } else if (!isNative(name) && !isExtended(name)) {
      errs.invalid(p, name, "doesn't follow extended resource name standard");
      return false;
    }
    return true;
  }

  static boolean isHugePages(String name) {
    return name.startsWith("hugepages-");
  }

  /** Native resources have no domain, or a kubernetes.io domain. */
  static boolean isNative(String name) {
    return !name.contains("/") || name.contains("kubernetes.io/");
  }

  /** Extended resources ({@code nvidia.com/gpu}) are whole units, and requests must equal limits. */
  static boolean isExtended(String name) {
    return !isNative(name) && !name.startsWith("requests.") && NameRules.qualifiedName("requests." + name).isEmpty();
  }

  static boolean overcommitAllowed(String name) {
    return isNative(name) && !isHugePages(name);
  }
}
