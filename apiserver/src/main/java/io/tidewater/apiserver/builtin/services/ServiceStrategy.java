package io.tidewater.apiserver.builtin.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.validation.FieldError;
import io.tidewater.apiserver.builtin.support.FieldErrors;
import io.tidewater.apiserver.builtin.support.Labels;
import io.tidewater.apiserver.builtin.support.NameChecks;
import io.tidewater.apiserver.builtin.support.Trees;
import io.tidewater.apiserver.registry.Columns;
import io.tidewater.apiserver.registry.PrinterColumn;
import io.tidewater.apiserver.registry.ResourceStrategy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Services ({@code core/v1}). Names are DNS-1035 labels (they become DNS names and environment
 * variables, so they may not start with a digit). Cluster IPs and node ports come from the
 * {@link ServiceAddressAllocator} the server provides.
 */
public final class ServiceStrategy implements ResourceStrategy {
  private final ServiceAllocation allocation;

  public ServiceStrategy(ServiceAddressAllocator allocator) {
    this.allocation = new ServiceAllocation(allocator);
  }

  @Override
  public boolean hasStatus() {
    return true;
  }

  @Override
  public List<String> validateName(String name) {
    return NameChecks.dns1035Label(name);
  }

  @Override
  public void applyDefaults(ObjectNode obj) {
    ServiceDefaults.apply(obj);
  }

  /** Allocates addresses; a new Service's status is {@code {loadBalancer: {}}}, as Kubernetes stores it. */
  @Override
  public void prepareForCreate(ObjectNode obj) {
    obj.putObject("status").putObject("loadBalancer");
    allocation.create(obj);
  }

  @Override
  public void prepareForUpdate(ObjectNode obj, ObjectNode old) {
    allocation.update(obj, old);
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    FieldErrors errs = new FieldErrors();
    ServiceValidation.validate(obj, errs);
    return errs.list();
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    FieldErrors errs = new FieldErrors();
    ServiceValidation.validateUpdate(obj, old, errs);
    ServiceValidation.validate(obj, errs);
    return errs.list();
  }

  @Override
  public List<PrinterColumn> printerColumns() {
    return List.of(
        PrinterColumn.of(
            "Type",
            "string",
            "type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and"
                + " LoadBalancer.",
            obj -> Columns.text(obj, "spec.type", "")),
        PrinterColumn.of(
            "Cluster-IP",
            "string",
            "clusterIP is the IP address of the service and is usually assigned randomly.",
            ServiceStrategy::clusterIp),
        PrinterColumn.of(
            "External-IP",
            "string",
            "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.",
            ServiceStrategy::externalIp),
        PrinterColumn.of("Port(s)", "string", "The list of ports that are exposed by this service.", ServiceStrategy::ports),
        Columns.age(),
        PrinterColumn.wide(
            "Selector",
            "string",
            "Route service traffic to pods with label keys and values matching this selector.",
            obj -> Labels.format(Trees.at(obj, "spec.selector"))));
  }

  static String clusterIp(ObjectNode svc) {
    List<String> ips = ServiceShape.clusterIps(svc);
    return ips.isEmpty() ? "<none>" : ips.get(0);
  }

  /** {@code getServiceExternalIP}, wide as the server always renders it. */
  static String externalIp(ObjectNode svc) {
    JsonNode spec = Trees.object(svc, "spec");
    List<String> externalIps = ServiceValidation.strings(spec == null ? null : spec.get("externalIPs"));
    return switch (Trees.string(spec, "type")) {
      case "ClusterIP", "NodePort" -> externalIps.isEmpty() ? "<none>" : String.join(",", externalIps);
      case "LoadBalancer" -> {
        Set<String> lb = new LinkedHashSet<>();
        for (ObjectNode ingress : Trees.objects(Trees.object(Trees.object(svc, "status"), "loadBalancer"), "ingress")) {
          String ip = Trees.string(ingress, "ip");
          String host = Trees.string(ingress, "hostname");
          if (!ip.isEmpty()) {
            lb.add(ip);
          } else if (!host.isEmpty()) {
            lb.add(host);
          }
        }
        List<String> all = new ArrayList<>(lb);
        all.addAll(externalIps);
        yield all.isEmpty() ? "<pending>" : String.join(",", all);
      }
      case "ExternalName" -> Trees.string(spec, "externalName");
      default -> "<unknown>";
    };
  }

  /** {@code makePortString}: "80/TCP", "80:30080/TCP", joined by ","; "<none>" without ports. */
  static String ports(ObjectNode svc) {
    List<String> pieces = new ArrayList<>();
    for (ObjectNode p : Trees.objects(Trees.object(svc, "spec"), "ports")) {
      long port = Trees.longValue(p, "port");
      long nodePort = Trees.longValue(p, "nodePort");
      String protocol = Trees.string(p, "protocol");
      pieces.add(nodePort > 0 ? port + ":" + nodePort + "/" + protocol : port + "/" + protocol);
    }
    return pieces.isEmpty() ? "<none>" : String.join(",", pieces);
  }
}
