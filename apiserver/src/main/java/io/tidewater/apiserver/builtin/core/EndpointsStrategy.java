package io.tidewater.apiserver.builtin.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.validation.FieldError;
import io.tidewater.api.validation.NameRules;
import io.tidewater.apiserver.builtin.support.FieldErrors;
import io.tidewater.apiserver.builtin.support.FieldPath;
import io.tidewater.apiserver.builtin.support.NameChecks;
import io.tidewater.apiserver.builtin.support.Trees;
import io.tidewater.apiserver.registry.Columns;
import io.tidewater.apiserver.registry.PrinterColumn;
import io.tidewater.apiserver.registry.ResourceStrategy;
import java.util.ArrayList;
import java.util.List;

/** Endpoints ({@code core/v1}), maintained by a member cluster's endpoints controller. */
public final class EndpointsStrategy implements ResourceStrategy {

  static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  static final int SHOWN = 3;

  /** {@code SetDefaults_Endpoints}: port protocol TCP. */
  @Override
  public void applyDefaults(ObjectNode obj) {
    for (ObjectNode subset : Trees.objects(obj, "subsets")) {
      Trees.objects(subset, "ports").forEach(p -> Trees.defaultText(p, "protocol", "TCP"));
    }
  }

  /** The main rules of {@code validateEndpointSubsets}: addresses carry an IP, ports are valid. */
  @Override
  public List<FieldError> validate(ObjectNode obj) {
    FieldErrors errs = new FieldErrors();
    List<ObjectNode> subsets = Trees.objects(obj, "subsets");
    for (int i = 0; i < subsets.size(); i++) {
      ObjectNode subset = subsets.get(i);
      FieldPath sp = FieldPath.of("subsets").index(i);
      if (Trees.size(subset, "addresses") == 0 && Trees.size(subset, "notReadyAddresses") == 0) {
        errs.required(sp, "must specify `addresses` or `notReadyAddresses`");
      }
      for (String list : List.of("addresses", "notReadyAddresses")) {
        List<ObjectNode> addresses = Trees.objects(subset, list);
        for (int j = 0; j < addresses.size(); j++) {
          if (Trees.string(addresses.get(j), "ip").isEmpty()) {
            errs.required(sp.child(list).index(j).child("ip"), "");
          }
        }
      }
      List<ObjectNode> ports = Trees.objects(subset, "ports");
      for (int j = 0; j < ports.size(); j++) {
        ObjectNode port = ports.get(j);
        FieldPath pp = sp.child("ports").index(j);
        String name = Trees.string(port, "name");
        if (ports.size() > 1 && name.isEmpty()) {
          errs.required(pp.child("name"), "");
        } else if (!name.isEmpty()) {
          errs.invalidEach(pp.child("name"), name, NameRules.dns1123Label(name));
        }
        long number = Trees.longValue(port, "port");
        errs.invalidEach(pp.child("port"), number, NameChecks.portNumber(number));
        String protocol = Trees.string(port, "protocol");
        if (protocol.isEmpty()) {
          errs.required(pp.child("protocol"), "");
        } else if (!PROTOCOLS.contains(protocol)) {
          errs.notSupported(pp.child("protocol"), protocol, PROTOCOLS);
        }
      }
    }
    return errs.list();
  }

  @Override
  public List<PrinterColumn> printerColumns() {
    return List.of(
        PrinterColumn.of(
            "Endpoints",
            "string",
            "The set of all endpoints is the union of all subsets. Addresses are placed into subsets according to the IPs they share.",
            EndpointsStrategy::format),
        Columns.age());
  }

  /** kubectl's {@code formatEndpoints}: at most three "ip:port" entries, then "+ N more...". */
  static String format(ObjectNode obj) {
    List<ObjectNode> subsets = Trees.objects(obj, "subsets");
    if (subsets.isEmpty()) {
      return "<none>";
    }
    List<String> list = new ArrayList<>();
    boolean more = false;
    int count = 0;
    for (ObjectNode ss : subsets) {
      List<ObjectNode> addresses = Trees.objects(ss, "addresses");
      List<ObjectNode> ports = Trees.objects(ss, "ports");
      if (ports.isEmpty()) {
        count += addresses.size();
        for (ObjectNode a : addresses) {
          if (list.size() == SHOWN) {
            more = true;
            break;
          }
          list.add(Trees.string(a, "ip"));
        }
        continue;
      }
      for (ObjectNode port : ports) {
        count += addresses.size();
        for (ObjectNode a : addresses) {
          if (list.size() == SHOWN) {
            more = true;
            break;
          }
          String ip = Trees.string(a, "ip");
          String host = ip.contains(":") ? "[" + ip + "]" : ip;
          list.add(host + ":" + Trees.longValue(port, "port"));
        }
      }
    }
    String joined = String.join(",", list);
    return more ? joined + " + " + (count - SHOWN) + " more..." : joined;
  }
}
