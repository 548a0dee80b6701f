package io.tidewater.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.GroupVersionKind;
import io.tidewater.api.meta.GroupVersionResource;
import io.tidewater.api.validation.FieldError;
import io.tidewater.api.validation.FieldPath;
import io.tidewater.api.validation.NameRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Everything the API server's generic registry needs to serve one Tidewater kind, without HTTP: names and
 * scope for discovery, printer columns for Table output, subresources, and the admission strategy
 * (defaulting and validation). Typed methods work on the kind's record; the {@code ...Json} methods do the
 * same on a decoded JSON object for callers that only hold JSON.
 *
 * <p>Admission order, as in Kubernetes: decode, {@link #applyDefaults}, then {@link #validateCreate} or
 * {@link #validateUpdate} (main resource) or {@link #validateStatusUpdate} (status subresource). Defaulting
 * is idempotent and never mutates its argument.
 */
public final class KindDescriptor<T extends TidewaterObject> {
  public static final String V1ALPHA1 = "v1alpha1";

  private final GroupVersionKind gvk;
  private final String plural;
  private final String singular;
  private final boolean namespaced;
  private final List<String> shortNames;
  private final List<String> categories;
  private final Class<T> type;
  private final List<PrinterColumn<T>> printerColumns;
  private final boolean statusSubresource;
  private final ScaleSubresource scale;
  private final Function<String, List<String>> nameRule;
  private final UnaryOperator<T> defaulter;
  private final Function<T, List<FieldError>> validator;
  private final BiFunction<T, T, List<FieldError>> updateValidator;
  private final Function<T, List<FieldError>> statusValidator;

  private KindDescriptor(Builder<T> b) {
    this.gvk = new GroupVersionKind(b.group, V1ALPHA1, b.kind);
    this.plural = Objects.requireNonNull(b.plural, "plural");
    this.singular = b.kind.toLowerCase(java.util.Locale.ROOT);
    this.namespaced = b.namespaced;
    this.shortNames = List.copyOf(b.shortNames);
    this.categories = List.copyOf(b.categories);
    this.type = b.type;
    this.printerColumns = List.copyOf(b.printerColumns);
    this.statusSubresource = b.statusSubresource;
    this.scale = b.scale;
    this.nameRule = b.nameRule;
    this.defaulter = Objects.requireNonNull(b.defaulter, "defaulter");
    this.validator = Objects.requireNonNull(b.validator, "validator");
    this.updateValidator = b.updateValidator;
    this.statusValidator = b.statusValidator;
  }

  public static <T extends TidewaterObject> Builder<T> builder(Class<T> type, String group, String kind) {
    return new Builder<>(type, group, kind);
  }

  // ---- identity and discovery

  public GroupVersionKind gvk() {
    return gvk;
  }

  public String group() {
    return gvk.group();
  }

  public String version() {
    return gvk.version();
  }

  public String kind() {
    return gvk.kind();
  }

  public String listKind() {
    return gvk.kind() + "List";
  }

  public String apiVersion() {
    return gvk.apiVersion();
  }

  public GroupVersionResource gvr() {
    return new GroupVersionResource(gvk.group(), gvk.version(), plural);
  }

  public String plural() {
    return plural;
  }

  public String singular() {
    return singular;
  }

  public boolean namespaced() {
    return namespaced;
  }

  public List<String> shortNames() {
    return shortNames;
  }

  public List<String> categories() {
    return categories;
  }

  /** The verbs served: all of them, for every Tidewater kind. */
  public List<String> verbs() {
    return List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  }

  /** The record type. */
  public Class<T> type() {
    return type;
  }

  /** {@code io.tidewater.<first label of group>.<version>.<Kind>}, the OpenAPI definition name. */
  public String definitionName() {
    String group = gvk.group();
    int dot = group.indexOf('.');
    return "io.tidewater." + (dot < 0 ? group : group.substring(0, dot)) + "." + gvk.version() + "." + gvk.kind();
  }

  public String listDefinitionName() {
    return definitionName() + "List";
  }

  // ---- serving

  public List<PrinterColumn<T>> printerColumns() {
    return printerColumns;
  }

  public boolean hasStatusSubresource() {
    return statusSubresource;
  }

  public Optional<ScaleSubresource> scaleSubresource() {
    return Optional.ofNullable(scale);
  }

  /** True for every Tidewater kind: a change to anything but metadata and status bumps metadata.generation. */
  public boolean specChangesBumpGeneration() {
    return true;
  }

  /** Problems with {@code name} as this kind's metadata.name, or none. */
  public List<String> validateName(String name) {
    return nameRule.apply(name);
  }

  // ---- admission on records

  public T applyDefaults(T object) {
    return defaulter.apply(object);
  }

  public List<FieldError> validateCreate(T object) {
    List<FieldError> errs = new ArrayList<>();
    RequiredFields.check(object, FieldPath.root(""), errs);
    errs.addAll(validator.apply(object));
    return errs;
  }

  /** Validation of an update of the main resource: everything {@link #validateCreate} checks, plus immutability. */
  public List<FieldError> validateUpdate(T object, T old) {
    List<FieldError> errs = validateCreate(object);
    if (updateValidator != null) {
      errs.addAll(updateValidator.apply(object, old));
    }
    return errs;
  }

  /** Validation of a write to the status subresource: only the status is checked. */
  public List<FieldError> validateStatusUpdate(T object, T old) {
    List<FieldError> errs = new ArrayList<>();
    RequiredFields.check(status(object), FieldPath.root("status"), errs);
    if (statusValidator != null) {
      errs.addAll(statusValidator.apply(object));
    }
    return errs;
  }

  /** The record's {@code status} component, or null when the kind has none or it is unset. */
  private static Object status(Object object) {
    for (java.lang.reflect.RecordComponent rc : object.getClass().getRecordComponents()) {
      if (rc.getName().equals("status")) {
        try {
          return rc.getAccessor().invoke(object);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return null;
  }

  /** The cells of one Table row, in {@link #printerColumns()} order. */
  public List<Object> cells(T object) {
    List<Object> cells = new ArrayList<>(printerColumns.size());
    for (PrinterColumn<T> c : printerColumns) {
      cells.add(c.cellOf(object));
    }
    return cells;
  }

  // ---- the same on JSON

  /** Decodes, dropping unknown fields. @throws DecodeException when a field has the wrong type */
  public T decode(JsonNode json) {
    return TidewaterJson.decode(json, type);
  }

  /** Decodes, reporting unknown fields as well. @throws DecodeException */
  public T decodeStrict(JsonNode json) {
    return TidewaterJson.decodeStrict(json, type);
  }

  public ObjectNode encode(T object) {
    return TidewaterJson.encode(object);
  }

  /** Decode, default, encode. Fields the kind does not define are dropped. @throws DecodeException */
  public ObjectNode applyDefaultsJson(JsonNode json) {
    return encode(applyDefaults(decode(json)));
  }

  /** {@link #validateCreate} on JSON; type errors are returned as field errors instead of thrown. */
  public List<FieldError> validateCreateJson(JsonNode json) {
    try {
      return validateCreate(decode(json));
    } catch (DecodeException e) {
      return e.errors();
    }
  }

  public List<FieldError> validateUpdateJson(JsonNode json, JsonNode old) {
    try {
      return validateUpdate(decode(json), decode(old));
    } catch (DecodeException e) {
      return e.errors();
    }
  }

  public List<FieldError> validateStatusUpdateJson(JsonNode json, JsonNode old) {
    try {
      return validateStatusUpdate(decode(json), decode(old));
    } catch (DecodeException e) {
      return e.errors();
    }
  }

  /** Table cells from JSON; an undecodable object gets all-null cells rather than breaking a list. */
  public List<Object> cellsJson(JsonNode json) {
    try {
      return cells(decode(json));
    } catch (DecodeException e) {
      return new ArrayList<>(java.util.Collections.nCopies(printerColumns.size(), null));
    }
  }

  @Override
  public String toString() {
    return gvr().groupResource() + " (" + gvk + ")";
  }

  /** Builds a descriptor; group, kind, plural, defaulter and validator are mandatory. */
  public static final class Builder<T extends TidewaterObject> {
    private final Class<T> type;
    private final String group;
    private final String kind;
    private String plural;
    private boolean namespaced = true;
    private List<String> shortNames = List.of();
    private List<String> categories = List.of("tidewater");
    private final List<PrinterColumn<T>> printerColumns = new ArrayList<>();
    private boolean statusSubresource;
    private ScaleSubresource scale;
    private Function<String, List<String>> nameRule = NameRules::dns1123Subdomain;
    private UnaryOperator<T> defaulter;
    private Function<T, List<FieldError>> validator;
    private BiFunction<T, T, List<FieldError>> updateValidator;
    private Function<T, List<FieldError>> statusValidator;

    private Builder(Class<T> type, String group, String kind) {
      this.type = type;
      this.group = group;
      this.kind = kind;
    }

    public Builder<T> plural(String plural) {
      this.plural = plural;
      return this;
    }

    public Builder<T> clusterScoped() {
      this.namespaced = false;
      return this;
    }

    public Builder<T> shortNames(String... names) {
      this.shortNames = List.of(names);
      return this;
    }

    public Builder<T> categories(String... categories) {
      this.categories = List.of(categories);
      return this;
    }

    public Builder<T> column(PrinterColumn<T> column) {
      this.printerColumns.add(column);
      return this;
    }

    /** Enables the status subresource and says how a status write is validated. */
    public Builder<T> status(Function<T, List<FieldError>> statusValidator) {
      this.statusSubresource = true;
      this.statusValidator = statusValidator;
      return this;
    }

    public Builder<T> scale(ScaleSubresource scale) {
      this.scale = scale;
      return this;
    }

    public Builder<T> nameRule(Function<String, List<String>> rule) {
      this.nameRule = rule;
      return this;
    }

    public Builder<T> defaulter(UnaryOperator<T> defaulter) {
      this.defaulter = defaulter;
      return this;
    }

    /** Validation of the whole object on create and update (required fields are checked generically). */
    public Builder<T> validator(Function<T, List<FieldError>> validator) {
      this.validator = validator;
      return this;
    }

    /** Extra checks on update only, such as immutable fields: (new, old) to errors. */
    public Builder<T> updateValidator(BiFunction<T, T, List<FieldError>> updateValidator) {
      this.updateValidator = updateValidator;
      return this;
    }

    public KindDescriptor<T> build() {
      return new KindDescriptor<>(this);
    }
  }
}
