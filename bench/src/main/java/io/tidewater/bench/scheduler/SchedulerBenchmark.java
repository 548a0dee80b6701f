package io.tidewater.bench.scheduler;

import io.tidewater.scheduler.Scheduler;
import io.tidewater.scheduler.estimator.NodeClassEstimator;
import io.tidewater.scheduler.model.ClusterInfo;
import io.tidewater.scheduler.model.ClusterSnapshot;
import io.tidewater.scheduler.model.ClusterState;
import io.tidewater.scheduler.model.Decision;
import io.tidewater.scheduler.model.NodeClass;
import io.tidewater.scheduler.model.Placement;
import io.tidewater.scheduler.model.PodRequirements;
import io.tidewater.scheduler.model.Resources;
import io.tidewater.scheduler.model.SchedulingRequest;
import io.tidewater.scheduler.model.Taint;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Federation scheduling over synthetic snapshots: {@code clusters} members of 5,000 nodes each,
 * summarised as {@code classesPerCluster} node equivalence classes (pools × free-resource levels).
 * Measures whole placement decisions (filter, estimate, divide, reserve) and the estimator alone.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = {"-Xmx2g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class SchedulerBenchmark {
  @Param({"100", "200"})
  int clusters;

  @Param({"50"})
  int classesPerCluster;

  private static final int NODES_PER_CLUSTER = 5_000;

  private List<ClusterSnapshot> fleet;
  private Scheduler scheduler;
  private PodRequirements pod;
  private final List<SchedulingRequest> requests = new ArrayList<>();
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Random rnd = new Random(42);
    fleet = new ArrayList<>();
    for (int c = 0; c < clusters; c++) {
      String tier = c < clusters * 6 / 10 ? "idc" : "cloud";
      List<NodeClass> classes = new ArrayList<>();
      Resources alloc = Resources.cpuMemory(96_000, 384L << 30);
      Resources total = Resources.NONE;
      Resources requested = Resources.NONE;
      int perClass = NODES_PER_CLUSTER / classesPerCluster;
      for (int k = 0; k < classesPerCluster; k++) {
        long usedCpu = (rnd.nextInt(90)) * 1000L;
        Resources free = alloc.minus(Resources.cpuMemory(usedCpu, usedCpu * (4L << 20)));
        Map<String, String> labels = Map.of("pool", "p" + (k % 5), "topology.kubernetes.io/zone", "z" + (k % 3));
        List<Taint> taints = k % 10 == 9 ? List.of(new Taint("dedicated", "batch", "NoSchedule")) : List.of();
        classes.add(new NodeClass(labels, taints, false, alloc, free, 110 - rnd.nextInt(60), perClass));
        total = total.plus(alloc.times(perClass));
        requested = requested.plus(alloc.minus(free).times(perClass));
      }
      fleet.add(new ClusterSnapshot(
          new ClusterInfo("c" + c, tier, tier.equals("idc") ? "self" : "aws", "r" + (c % 4), "z" + (c % 12), Map.of("tier", tier), List.of(), 90,
              tier.equals("idc") ? 0.02 : 0.045),
          true, total, requested, classes));
    }
    // The reservation ledger expires entries at once, so the benchmark measures steady-state decisions.
    scheduler = Scheduler.withDefaults(Clock.systemUTC(), Duration.ZERO);
    pod = PodRequirements.of(Resources.cpuMemory(2000, 4L << 30));
    for (int i = 0; i < 1024; i++) {
      int replicas = 10 + rnd.nextInt(500);
      Map<String, ClusterState> current = new HashMap<>();
      if (i % 2 == 1) {
        for (int k = 0; k < 3; k++) {
          int n = replicas / 3;
          current.put("c" + rnd.nextInt(clusters), new ClusterState(n, n, false));
        }
      }
      requests.add(new SchedulingRequest("w" + i, pod, replicas, Placement.selfBuiltFirst(), current, 0, SchedulingRequest.ComeHome.OFF));
    }
  }

  @Benchmark
  @BenchmarkMode({Mode.Throughput})
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Decision decisionsPerSecond() {
    return scheduler.schedule(requests.get(next++ & 1023), fleet);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Decision decisionLatency() {
    return scheduler.schedule(requests.get(next++ & 1023), fleet);
  }

  /** One pod template estimated against every cluster of the fleet. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public long estimateFleet() {
    long sum = 0;
    for (ClusterSnapshot c : fleet) {
      sum += NodeClassEstimator.estimate(c, pod);
    }
    return sum;
  }
}
