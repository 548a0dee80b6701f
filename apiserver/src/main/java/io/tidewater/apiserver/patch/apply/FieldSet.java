package io.tidewater.apiserver.patch.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A set of field paths stored as a trie, with structured-merge-diff's semantics: a path is in the
 * set when its last element is a <em>member</em> of the node its prefix leads to; a node can be a
 * member and have children at once (in {@code fieldsV1}, the child object then holds {@code "."}).
 *
 * <p>Sets are values: every operation returns a new set and never changes its inputs.
 */
public final class FieldSet {

  private static final FieldSet EMPTY = new FieldSet(new TreeSet<>(), new TreeMap<>());

  private final NavigableSet<PathElement> members;
  private final NavigableMap<PathElement, FieldSet> children;

  private FieldSet(NavigableSet<PathElement> members, NavigableMap<PathElement, FieldSet> children) {
    this.members = members;
    this.children = children;
  }

  public static FieldSet empty() {
    return EMPTY;
  }

  public static FieldSet of(FieldPath... paths) {
    Builder builder = new Builder();
    for (FieldPath path : paths) {
      builder.insert(path);
    }
    return builder.build();
  }

  public boolean isEmpty() {
    return members.isEmpty() && children.isEmpty();
  }

  /** Whether the path is a member of the set. */
  public boolean has(FieldPath path) {
    if (path.isRoot()) {
      return false;
    }
    FieldSet node = this;
    List<PathElement> elements = path.elements();
    for (int i = 0; i < elements.size() - 1; i++) {
      node = node.children.get(elements.get(i));
      if (node == null) {
        return false;
      }
    }
    return node.members.contains(elements.get(elements.size() - 1));
  }

  boolean hasMember(PathElement element) {
    return members.contains(element);
  }

  /** The paths below one element, relative to it; empty when there are none. */
  public FieldSet child(PathElement element) {
    FieldSet child = children.get(element);
    return child == null ? EMPTY : child;
  }

  NavigableSet<PathElement> members() {
    return Collections.unmodifiableNavigableSet(members);
  }

  NavigableMap<PathElement, FieldSet> children() {
    return Collections.unmodifiableNavigableMap(children);
  }

  public FieldSet union(FieldSet other) {
    TreeSet<PathElement> m = new TreeSet<>(members);
    m.addAll(other.members);
    TreeMap<PathElement, FieldSet> c = new TreeMap<>(children);
    other.children.forEach((pe, set) -> c.merge(pe, set, FieldSet::union));
    return new FieldSet(m, c);
  }

  public FieldSet intersection(FieldSet other) {
    TreeSet<PathElement> m = new TreeSet<>(members);
    m.retainAll(other.members);
    TreeMap<PathElement, FieldSet> c = new TreeMap<>();
    children.forEach(
        (pe, set) -> {
          FieldSet theirs = other.children.get(pe);
          if (theirs != null) {
            FieldSet both = set.intersection(theirs);
            if (!both.isEmpty()) {
              c.put(pe, both);
            }
          }
        });
    return new FieldSet(m, c);
  }

  /**
   * The paths of this set that are not in the other. Like structured-merge-diff, a member of the other
   * set removes only that path, not the paths below it ("child − parent = child").
   */
  public FieldSet difference(FieldSet other) {
    TreeSet<PathElement> m = new TreeSet<>(members);
    m.removeAll(other.members);
    TreeMap<PathElement, FieldSet> c = new TreeMap<>();
    children.forEach(
        (pe, set) -> {
          FieldSet theirs = other.children.get(pe);
          FieldSet rest = theirs == null ? set : set.difference(theirs);
          if (!rest.isEmpty()) {
            c.put(pe, rest);
          }
        });
    return new FieldSet(m, c);
  }

  /** Like {@link #difference}, but a member of the other set also removes everything below it. */
  public FieldSet recursiveDifference(FieldSet other) {
    TreeSet<PathElement> m = new TreeSet<>(members);
    m.removeAll(other.members);
    TreeMap<PathElement, FieldSet> c = new TreeMap<>();
    children.forEach(
        (pe, set) -> {
          if (other.members.contains(pe)) {
            return;
          }
          FieldSet theirs = other.children.get(pe);
          FieldSet rest = theirs == null ? set : set.recursiveDifference(theirs);
          if (!rest.isEmpty()) {
            c.put(pe, rest);
          }
        });
    return new FieldSet(m, c);
  }

  /** All member paths: at each level the members first, then the children, each in sorted order. */
  public List<FieldPath> paths() {
    List<FieldPath> out = new ArrayList<>();
    collect(FieldPath.ROOT, out);
    return out;
  }

  private void collect(FieldPath prefix, List<FieldPath> out) {
    members.forEach(pe -> out.add(prefix.child(pe)));
    children.forEach((pe, set) -> set.collect(prefix.child(pe), out));
  }

  /** The set in Kubernetes' {@code fieldsV1} form. */
  public ObjectNode toFieldsV1() {
    return emit(false);
  }

  private ObjectNode emit(boolean includeSelf) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (includeSelf) {
      out.putObject(".");
    }
    Iterator<PathElement> m = members.iterator();
    Iterator<Map.Entry<PathElement, FieldSet>> c = children.entrySet().iterator();
    PathElement nextMember = m.hasNext() ? m.next() : null;
    Map.Entry<PathElement, FieldSet> nextChild = c.hasNext() ? c.next() : null;
    while (nextMember != null || nextChild != null) {
      int order =
          nextMember == null ? 1 : nextChild == null ? -1 : nextMember.compareTo(nextChild.getKey());
      if (order < 0) {
        out.putObject(nextMember.fieldsV1Key());
        nextMember = m.hasNext() ? m.next() : null;
      } else if (order > 0) {
        out.set(nextChild.getKey().fieldsV1Key(), nextChild.getValue().emit(false));
        nextChild = c.hasNext() ? c.next() : null;
      } else {
        out.set(nextChild.getKey().fieldsV1Key(), nextChild.getValue().emit(true));
        nextMember = m.hasNext() ? m.next() : null;
        nextChild = c.hasNext() ? c.next() : null;
      }
    }
    return out;
  }

  /**
   * Reads Kubernetes' {@code fieldsV1} form.
   *
   * @throws IllegalArgumentException if it is not a valid fieldsV1 object
   */
  public static FieldSet fromFieldsV1(JsonNode fields) {
    if (fields == null || fields.isNull()) {
      return EMPTY;
    }
    if (!fields.isObject()) {
      throw new IllegalArgumentException("fieldsV1 must be an object");
    }
    TreeSet<PathElement> m = new TreeSet<>();
    TreeMap<PathElement, FieldSet> c = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : fields.properties()) {
      if (entry.getKey().equals(".")) {
        continue;
      }
      PathElement pe = PathElement.parseFieldsV1Key(entry.getKey());
      JsonNode value = entry.getValue();
      if (!value.isObject()) {
        throw new IllegalArgumentException("fieldsV1 member " + entry.getKey() + " must be an object");
      }
      if (value.isEmpty() || value.has(".")) {
        m.add(pe);
      }
      FieldSet child = fromFieldsV1(value);
      if (!child.isEmpty()) {
        c.put(pe, child);
      }
    }
    return new FieldSet(m, c);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FieldSet s && members.equals(s.members) && children.equals(s.children);
  }

  @Override
  public int hashCode() {
    return members.hashCode() * 31 + children.hashCode();
  }

  @Override
  public String toString() {
    return paths().toString();
  }

  /** Builds a set by inserting paths. */
  public static final class Builder {
    private final TreeSet<PathElement> members = new TreeSet<>();
    private final TreeMap<PathElement, Builder> children = new TreeMap<>();

    public Builder insert(FieldPath path) {
      if (path.isRoot()) {
        return this;
      }
      Builder node = this;
      List<PathElement> elements = path.elements();
      for (int i = 0; i < elements.size() - 1; i++) {
        node = node.children.computeIfAbsent(elements.get(i), pe -> new Builder());
      }
      node.members.add(elements.get(elements.size() - 1));
      return this;
    }

    public FieldSet build() {
      TreeMap<PathElement, FieldSet> c = new TreeMap<>();
      children.forEach(
          (pe, builder) -> {
            FieldSet child = builder.build();
            if (!child.isEmpty()) {
              c.put(pe, child);
            }
          });
      return new FieldSet(new TreeSet<>(members), c);
    }
  }
}
