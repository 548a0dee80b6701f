package io.tidewater.apiserver.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.kinds.DecodeException;
import io.tidewater.api.kinds.KindDescriptor;
import io.tidewater.api.meta.GroupVersionResource;
import io.tidewater.api.validation.FieldError;
import io.tidewater.apiserver.registry.Columns;
import io.tidewater.apiserver.registry.PrinterColumn;
import io.tidewater.apiserver.registry.ResourceStrategy;
import io.tidewater.apiserver.registry.ResourceType;
import io.tidewater.apiserver.registry.ScaleMapping;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Plugs one of Tidewater's own kinds (a {@link KindDescriptor} from the api module) into the
 * generic registry: its defaults, validation, printer columns and subresources.
 */
public final class TidewaterKindStrategy implements ResourceStrategy {
  private final KindDescriptor<?> kind;
  private final List<PrinterColumn> columns;

  public TidewaterKindStrategy(KindDescriptor<?> kind) {
    this.kind = kind;
    List<PrinterColumn> cols = new ArrayList<>();
    var defs = kind.printerColumns();
    for (int i = 0; i < defs.size(); i++) {
      var def = defs.get(i);
      int index = i;
      boolean date = def.type().equals("date");
      cols.add(new PrinterColumn(def.name(), date ? "string" : def.type(), def.format(), def.description(), def.priority(), obj -> {
        Object v = kind.cellsJson(obj).get(index);
        if (date) {
          return v == null ? "<unknown>" : Columns.ageOf(v.toString());
        }
        return v == null ? "<none>" : v;
      }));
    }
    this.columns = List.copyOf(cols);
  }

  /** The registry entry for a Tidewater kind. */
  public static ResourceType resourceType(KindDescriptor<?> kind) {
    return new ResourceType(
        new GroupVersionResource(kind.group(), kind.version(), kind.plural()), kind.kind(), kind.singular(), kind.namespaced(),
        kind.shortNames(), kind.categories(), new TidewaterKindStrategy(kind));
  }

  public KindDescriptor<?> descriptor() {
    return kind;
  }

  @Override
  public boolean tracksGeneration() {
    return kind.specChangesBumpGeneration();
  }

  @Override
  public boolean hasStatus() {
    return kind.hasStatusSubresource();
  }

  @Override
  public Optional<ScaleMapping> scale() {
    return kind.scaleSubresource().map(s -> new ScaleMapping(strip(s.specReplicasPath()), strip(s.statusReplicasPath()),
        s.labelSelectorPath() == null ? null : strip(s.labelSelectorPath()), true));
  }

  private static String strip(String path) {
    return path.startsWith(".") ? path.substring(1) : path;
  }

  /**
   * Defaults through the kind's record. Only the non-metadata parts are taken back, so metadata
   * (managedFields included) is never reshaped by the typed round trip. An object that does not
   * decode is left alone: validation reports why.
   */
  @Override
  public void applyDefaults(ObjectNode obj) {
    ObjectNode defaulted;
    try {
      defaulted = kind.applyDefaultsJson(obj);
    } catch (DecodeException e) {
      return;
    }
    for (Iterator<String> it = defaulted.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("metadata") && !f.equals("apiVersion") && !f.equals("kind")) {
        JsonNode v = defaulted.get(f);
        if (!v.equals(obj.get(f))) {
          obj.set(f, v);
        }
      }
    }
  }

  @Override
  public List<String> validateName(String name) {
    return kind.validateName(name);
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    return kind.validateCreateJson(obj);
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    return kind.validateUpdateJson(obj, old);
  }

  @Override
  public List<PrinterColumn> printerColumns() {
    return columns;
  }
}
