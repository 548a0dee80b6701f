package io.tidewater.apiserver.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.validation.FieldError;
import io.tidewater.apiserver.registry.PrinterColumn;
import io.tidewater.apiserver.registry.ResourceStrategy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives a strategy the way {@code RegistryStorage} does (status split, defaults, prepare,
 * validate), without a store, and reads its printer cells. Shared by the strategy tests.
 */
public final class StrategyHarness {
  private final ResourceStrategy strategy;

  public StrategyHarness(ResourceStrategy strategy) {
    this.strategy = strategy;
  }

  public static ObjectNode json(String text) {
    return Json.parseObject(text.getBytes(StandardCharsets.UTF_8));
  }

  /** What a create stores, or the validation errors it fails with (as messages). */
  public Outcome create(ObjectNode obj) {
    ObjectNode o = obj.deepCopy();
    if (strategy.hasStatus()) {
      o.remove("status");
    }
    strategy.applyDefaults(o);
    strategy.prepareForCreate(o);
    return new Outcome(o, strategy.validate(o));
  }

  /** What an update (not of status) stores, or its validation errors. */
  public Outcome update(ObjectNode obj, ObjectNode old) {
    ObjectNode o = obj.deepCopy();
    if (strategy.hasStatus()) {
      JsonNode status = old.get("status");
      if (status == null) {
        o.remove("status");
      } else {
        o.set("status", status.deepCopy());
      }
    }
    strategy.applyDefaults(o);
    strategy.prepareForUpdate(o, old);
    return new Outcome(o, strategy.validateUpdate(o, old));
  }

  /**
   * Defaults alone; asserts that a second application changes nothing, also after the object has
   * been through JSON as a stored object is (so defaulted numbers have the decoder's node types and
   * an update that only re-applies defaults is recognised as no change).
   */
  public ObjectNode defaulted(ObjectNode obj) {
    ObjectNode once = obj.deepCopy();
    strategy.applyDefaults(once);
    ObjectNode twice = once.deepCopy();
    strategy.applyDefaults(twice);
    assertThat(twice).as("defaults are idempotent").isEqualTo(once);
    ObjectNode stored = roundTrip(once);
    assertThat(stored).as("defaulted tree equals its stored form").isEqualTo(once);
    ObjectNode again = stored.deepCopy();
    strategy.applyDefaults(again);
    assertThat(again).as("defaults are idempotent on the stored form").isEqualTo(stored);
    return once;
  }

  /** Serialised and parsed again, as the store does. */
  public static ObjectNode roundTrip(ObjectNode obj) {
    return Json.parseObject(Json.bytes(obj));
  }

  /** Messages of {@code strategy.validate}, after defaults. */
  public List<String> errors(ObjectNode obj) {
    return create(obj).messages();
  }

  /** Column name → cell, NAME excluded, in column order. */
  public List<Object> cells(ObjectNode obj) {
    List<Object> out = new ArrayList<>();
    for (PrinterColumn c : strategy.printerColumns()) {
      out.add(c.cell().apply(obj));
    }
    return out;
  }

  public Object cell(ObjectNode obj, String column) {
    for (PrinterColumn c : strategy.printerColumns()) {
      if (c.name().equals(column)) {
        return c.cell().apply(obj);
      }
    }
    throw new IllegalArgumentException("no column " + column);
  }

  public List<String> columnNames() {
    return strategy.printerColumns().stream().map(c -> c.name() + (c.priority() == 1 ? "*" : "")).toList();
  }

  /** The stored object and the validation errors; stored only counts when there are none. */
  public record Outcome(ObjectNode object, List<FieldError> errors) {
    public List<String> messages() {
      return errors.stream().map(FieldError::message).toList();
    }

    public ObjectNode stored() {
      assertThat(messages()).as("validation errors").isEmpty();
      return object;
    }
  }
}
