package io.tidewater.apiserver.builtin.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.registry.Columns;
import io.tidewater.apiserver.registry.PrinterColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Cell formats kubectl's printers share across kinds. */
public final class Cells {
  private Cells() {}

  public static final String CONTAINERS_DESCRIPTION = "Names of each container in the template.";
  public static final String IMAGES_DESCRIPTION = "Images referenced by each container in the template.";

  /** {@code layoutContainerCells}: container names joined by ",". */
  public static String containerNames(JsonNode podSpec) {
    return join(podSpec, "name");
  }

  /** {@code layoutContainerCells}: container images joined by ",". */
  public static String containerImages(JsonNode podSpec) {
    return join(podSpec, "image");
  }

  private static String join(JsonNode podSpec, String field) {
    List<String> parts = new ArrayList<>();
    Trees.objects(podSpec, "containers").forEach(c -> parts.add(Trees.string(c, field)));
    return String.join(",", parts);
  }

  /** The wide Containers and Images columns of a kind whose pod template is at {@code podSpecPath}. */
  public static List<PrinterColumn> containerColumns(String podSpecPath) {
    return List.of(
        PrinterColumn.wide("Containers", "string", CONTAINERS_DESCRIPTION, obj -> containerNames(Trees.at(obj, podSpecPath))),
        PrinterColumn.wide("Images", "string", IMAGES_DESCRIPTION, obj -> containerImages(Trees.at(obj, podSpecPath))));
  }

  /** An int32 field as a Long cell, 0 when unset (Go's zero value). */
  public static Function<ObjectNode, Object> count(String path) {
    return obj -> Columns.number(obj, path);
  }

  /** "ready/desired" as kubectl prints Deployments and StatefulSets. */
  public static String readyOfDesired(ObjectNode obj) {
    return Columns.number(obj, "status.readyReplicas") + "/" + Columns.number(obj, "spec.replicas");
  }
}
