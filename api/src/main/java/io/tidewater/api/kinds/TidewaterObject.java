package io.tidewater.api.kinds;

import io.fabric8.kubernetes.api.model.ObjectMeta;

/** What every Tidewater kind's record has: type meta and object meta. Spec and status differ per kind. */
public interface TidewaterObject {
  String apiVersion();

  String kind();

  ObjectMeta metadata();
}
