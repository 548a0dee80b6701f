package io.tidewater.api.cluster;

import io.tidewater.api.validation.FieldError;
import io.tidewater.api.validation.FieldPath;
import io.tidewater.api.validation.KubeRules;
import io.tidewater.api.validation.LabelSelectorRules;
import io.tidewater.api.validation.NameRules;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation of a Cluster. Required fields are checked generically; this checks formats and relations. */
public final class ClusterValidation {
  private ClusterValidation() {}

  /**
   * Cluster names become part of execution namespace names ({@code tidewater-es-<cluster>}), which are RFC
   * 1123 labels of at most 63 characters; 48 leaves room for the prefix, as Karmada does.
   */
  public static final int MAX_NAME_LENGTH = 48;

  private static final Pattern VERSION = Pattern.compile("^v\\d+\\.\\d+\\.\\d+([-+][0-9A-Za-z.+-]+)?$");

  public static List<String> validateName(String name) {
    List<String> errs = new ArrayList<>(NameRules.dns1123Label(name));
    if (name.length() > MAX_NAME_LENGTH) {
      errs.add("must be no more than " + MAX_NAME_LENGTH + " characters");
    }
    return errs;
  }

  public static List<FieldError> validate(Cluster c) {
    List<FieldError> errs = new ArrayList<>();
    if (c.spec() != null) {
      spec(c.spec(), FieldPath.root("spec"), errs);
    }
    errs.addAll(validateStatus(c));
    return errs;
  }

  /** The connection type is fixed at creation: a member does not turn from real into simulated. */
  public static List<FieldError> validateUpdate(Cluster c, Cluster old) {
    List<FieldError> errs = new ArrayList<>();
    ClusterConnection now = c.spec() == null ? null : c.spec().connection();
    ClusterConnection before = old.spec() == null ? null : old.spec().connection();
    if (now != null && before != null && now.getClass() != before.getClass()) {
      errs.add(FieldError.forbidden(FieldPath.root("spec").child(now.field()),
          "the connection type is immutable: this cluster was created with `" + before.field()
              + "`; delete and re-create it to change how it is reached"));
    }
    return errs;
  }

  public static List<FieldError> validateStatus(Cluster c) {
    List<FieldError> errs = new ArrayList<>();
    ClusterStatus s = c.status();
    if (s == null) {
      return errs;
    }
    FieldPath p = FieldPath.root("status");
    KubeRules.conditions(s.conditions(), p.child("conditions"), errs);
    if (s.nodeSummary() != null) {
      KubeRules.atLeast(s.nodeSummary().totalNum(), 0, p.child("nodeSummary").child("totalNum"), errs);
      KubeRules.atLeast(s.nodeSummary().readyNum(), 0, p.child("nodeSummary").child("readyNum"), errs);
    }
    if (s.resourceSummary() != null) {
      FieldPath rp = p.child("resourceSummary");
      KubeRules.resourceList(s.resourceSummary().allocatable(), rp.child("allocatable"), errs);
      KubeRules.resourceList(s.resourceSummary().allocating(), rp.child("allocating"), errs);
      KubeRules.resourceList(s.resourceSummary().allocated(), rp.child("allocated"), errs);
    }
    unique(s.gpus() == null ? null : s.gpus().stream().map(GpuSummary::type).toList(), p.child("gpus"), "type", errs);
    unique(s.nodePools() == null ? null : s.nodePools().stream().map(NodePoolStatus::name).toList(), p.child("nodePools"), "name", errs);
    return errs;
  }

  private static void spec(ClusterSpec s, FieldPath p, List<FieldError> errs) {
    KubeRules.dnsLabel(s.tier(), p.child("tier"), errs);
    labelValue(s.provider(), p.child("provider"), errs);
    labelValue(s.region(), p.child("region"), errs);
    labelValue(s.zone(), p.child("zone"), errs);
    apiEndpoint(s.apiEndpoint(), p.child("apiEndpoint"), errs);
    if (s.secretRef() != null && s.simulated() != null) {
      errs.add(FieldError.forbidden(p.child("simulated"), "may not be specified when `secretRef` is specified"));
    } else if (s.secretRef() == null && s.simulated() == null) {
      errs.add(FieldError.required(p, "must specify exactly one of `secretRef` (a kubeconfig secret) or `simulated`"));
    }
    if (s.secretRef() != null) {
      secretRef(s.secretRef(), p.child("secretRef"), errs);
    }
    if (s.simulated() != null) {
      simulated(s.simulated(), p.child("simulated"), errs);
    }
    if (s.price() != null) {
      price(s.price().cpuHour(), p.child("price").child("cpuHour"), errs);
      price(s.price().memoryGiBHour(), p.child("price").child("memoryGiBHour"), errs);
      price(s.price().gpuHour(), p.child("price").child("gpuHour"), errs);
    }
    KubeRules.between(s.watermark(), 1, 100, p.child("watermark"), errs);
    KubeRules.taints(s.taints(), p.child("taints"), errs);
  }

  private static void secretRef(ClusterSecretReference r, FieldPath p, List<FieldError> errs) {
    KubeRules.dnsLabel(r.namespace(), p.child("namespace"), errs);
    KubeRules.dnsSubdomain(r.name(), p.child("name"), errs);
    if (r.key() != null && !r.key().isEmpty()) {
      for (String msg : NameRules.configMapKey(r.key())) {
        errs.add(FieldError.invalid(p.child("key"), r.key(), msg));
      }
    }
  }

  private static void simulated(SimulatedCluster s, FieldPath p, List<FieldError> errs) {
    if (s.kubernetesVersion() != null && !s.kubernetesVersion().isEmpty() && !VERSION.matcher(s.kubernetesVersion()).matches()) {
      errs.add(FieldError.invalid(p.child("kubernetesVersion"), s.kubernetesVersion(), "must be a version such as v1.32.4"));
    }
    if (s.nodePools() != null) {
      Set<String> names = new HashSet<>();
      for (int i = 0; i < s.nodePools().size(); i++) {
        NodePool pool = s.nodePools().get(i);
        FieldPath pp = p.child("nodePools").index(i);
        KubeRules.dnsLabel(pool.name(), pp.child("name"), errs);
        if (pool.name() != null && !names.add(pool.name())) {
          errs.add(FieldError.duplicate(pp.child("name"), pool.name()));
        }
        KubeRules.atLeast(pool.count(), 0, pp.child("count"), errs);
        positive(pool.cpu(), pp.child("cpu"), errs);
        positive(pool.memory(), pp.child("memory"), errs);
        KubeRules.atLeast(pool.pods(), 1, pp.child("pods"), errs);
        if (pool.gpu() != null) {
          KubeRules.atLeast(pool.gpu().count(), 0, pp.child("gpu").child("count"), errs);
          if (pool.gpu().count() != null && pool.gpu().count() > 0 && (pool.gpu().type() == null || pool.gpu().type().isEmpty())) {
            errs.add(FieldError.required(pp.child("gpu").child("type"), "must be specified when `count` is greater than 0"));
          }
          labelValue(pool.gpu().type(), pp.child("gpu").child("type"), errs);
        }
        LabelSelectorRules.validateLabels(pool.labels(), pp.child("labels"), errs);
        KubeRules.taints(pool.taints(), pp.child("taints"), errs);
      }
    }
    if (s.podLifecycle() != null) {
      FieldPath lp = p.child("podLifecycle");
      KubeRules.duration(s.podLifecycle().startupDelay(), lp.child("startupDelay"), errs);
      KubeRules.duration(s.podLifecycle().readyDelay(), lp.child("readyDelay"), errs);
      KubeRules.duration(s.podLifecycle().terminationDelay(), lp.child("terminationDelay"), errs);
    }
  }

  private static void positive(io.fabric8.kubernetes.api.model.Quantity q, FieldPath p, List<FieldError> errs) {
    BigDecimal amount = KubeRules.quantity(q, false, p, errs);
    if (amount != null && amount.signum() <= 0) {
      errs.add(FieldError.invalid(p, q.toString(), "must be greater than 0"));
    }
  }

  private static void price(String value, FieldPath p, List<FieldError> errs) {
    if (value == null) {
      return;
    }
    try {
      if (new BigDecimal(value).signum() >= 0) {
        return;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errs.add(FieldError.invalid(p, value, "must be a non-negative decimal number such as \"0.045\""));
  }

  private static void apiEndpoint(String value, FieldPath p, List<FieldError> errs) {
    if (value == null || value.isEmpty()) {
      return;
    }
    try {
      URI uri = new URI(value.contains("://") ? value : "https://" + value);
      if (uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        return;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    errs.add(FieldError.invalid(p, value, "must be an http(s) URL or host[:port], for example https://10.0.0.1:6443"));
  }

  /** Cluster facts are used as label-like values (field selectors, spread groups), so they follow label rules. */
  private static void labelValue(String value, FieldPath p, List<FieldError> errs) {
    if (value == null) {
      return;
    }
    for (String msg : NameRules.labelValue(value)) {
      errs.add(FieldError.invalid(p, value, msg));
    }
  }

  private static void unique(List<String> keys, FieldPath p, String field, List<FieldError> errs) {
    if (keys == null) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i) != null && !seen.add(keys.get(i))) {
        errs.add(FieldError.duplicate(p.index(i).child(field), keys.get(i)));
      }
    }
  }
}
