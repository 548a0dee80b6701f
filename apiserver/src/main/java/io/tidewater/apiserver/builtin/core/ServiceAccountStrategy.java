package io.tidewater.apiserver.builtin.core;

import io.tidewater.apiserver.builtin.support.Trees;
import io.tidewater.apiserver.registry.Columns;
import io.tidewater.apiserver.registry.PrinterColumn;
import io.tidewater.apiserver.registry.ResourceStrategy;
import java.util.List;

/** ServiceAccounts ({@code core/v1}): nothing beyond metadata is validated, as in Kubernetes. */
public final class ServiceAccountStrategy implements ResourceStrategy {

  @Override
  public List<PrinterColumn> printerColumns() {
    return List.of(
        PrinterColumn.of(
            "Secrets",
            "string",
            "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.",
            obj -> (long) Trees.size(obj, "secrets")),
        Columns.age());
  }
}
