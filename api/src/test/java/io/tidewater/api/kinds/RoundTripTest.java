package io.tidewater.api.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.api.apps.ShardedSetKind;
import io.tidewater.api.autoscaling.AutoscalingKinds;
import io.tidewater.api.cluster.ClusterKind;
import io.tidewater.api.policy.PolicyKinds;
import io.tidewater.api.testing.Examples;
import io.tidewater.api.work.WorkKinds;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A realistic example of every kind survives YAML -> record -> JSON unchanged, is valid, and keeps every
 * value it had through defaulting, which is idempotent.
 */
class RoundTripTest {

  static Stream<Arguments> examples() {
    return Stream.of(
        Arguments.of("cluster-simulated.yaml", ClusterKind.DESCRIPTOR),
        Arguments.of("cluster-kubeconfig.yaml", ClusterKind.DESCRIPTOR),
        Arguments.of("propagationpolicy.yaml", PolicyKinds.PROPAGATION_POLICY),
        Arguments.of("clusterpropagationpolicy.yaml", PolicyKinds.CLUSTER_PROPAGATION_POLICY),
        Arguments.of("overridepolicy.yaml", PolicyKinds.OVERRIDE_POLICY),
        Arguments.of("resourcebinding.yaml", WorkKinds.RESOURCE_BINDING),
        Arguments.of("work.yaml", WorkKinds.WORK),
        Arguments.of("federatedhpa.yaml", AutoscalingKinds.FEDERATED_HPA),
        Arguments.of("cronfederatedhpa.yaml", AutoscalingKinds.CRON_FEDERATED_HPA),
        Arguments.of("shardedset.yaml", ShardedSetKind.DESCRIPTOR));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  <T extends TidewaterObject> void roundTripsWithoutLoss(String file, KindDescriptor<T> kind) {
    JsonNode yaml = Examples.tree(file);
    T object = kind.decodeStrict(yaml); // strict: the records define every field the example uses
    assertThat(object).isInstanceOf(kind.type());
    assertThat(Examples.normalize(kind.encode(object))).isEqualTo(Examples.normalize(yaml));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  <T extends TidewaterObject> void exampleIsValidBeforeAndAfterDefaulting(String file, KindDescriptor<T> kind) {
    T object = Examples.load(file, kind);
    assertThat(kind.validateCreate(object)).isEmpty();
    assertThat(kind.validateCreate(kind.applyDefaults(object))).isEmpty();
    assertThat(kind.validateUpdate(kind.applyDefaults(object), kind.applyDefaults(object))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  <T extends TidewaterObject> void defaultingKeepsEveryValueAndIsIdempotent(String file, KindDescriptor<T> kind) {
    JsonNode yaml = Examples.tree(file);
    T once = kind.applyDefaults(kind.decode(yaml));
    T twice = kind.applyDefaults(once);

    assertThat(Examples.contains(kind.encode(once), yaml)).as("defaulted object still has every original value").isTrue();
    assertThat(kind.encode(twice)).isEqualTo(kind.encode(once));
    assertThat(once.apiVersion()).isEqualTo(kind.apiVersion());
    assertThat(once.kind()).isEqualTo(kind.kind());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  <T extends TidewaterObject> void defaultingDoesNotChangeItsArgument(String file, KindDescriptor<T> kind) {
    T object = Examples.load(file, kind);
    JsonNode before = kind.encode(object);
    kind.applyDefaults(object);
    assertThat(kind.encode(object)).isEqualTo(before);
  }
}
