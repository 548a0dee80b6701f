package io.tidewater.apiserver.builtin.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ServiceAddressAllocatorTest {
  private final MutableAddressesInUse inUse = new MutableAddressesInUse();

  @Test
  void dynamicClusterIpsComeFromTheUpperPartOfTheRangeAndAreUnique() {
    ServiceAddressAllocator allocator = new ServiceAddressAllocator(inUse);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      String ip = allocator.allocateClusterIp();
      assertThat(Ipv4Range.DEFAULT_SERVICE_RANGE.containsUsable(ip)).isTrue();
      assertThat(Ipv4Range.toLong(ip) - Ipv4Range.DEFAULT_SERVICE_RANGE.network()).isGreaterThanOrEqualTo(256);
      assertThat(seen.add(ip)).as("unique %s", ip).isTrue();
    }
  }

  @Test
  void aSmallRangeFillsUpSkippingAddressesInUse() {
    Clock clock = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);
    ServiceAddressAllocator allocator =
        new ServiceAddressAllocator(Ipv4Range.parse("10.0.0.0/29"), 30000, 30001, inUse, clock, new SplittableRandom(7));
    inUse.ips.add("10.0.0.3");
    Set<String> got = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      got.add(allocator.allocateClusterIp());
    }
    assertThat(got).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2", "10.0.0.4", "10.0.0.5", "10.0.0.6");
    assertThatThrownBy(allocator::allocateClusterIp).isInstanceOf(IllegalStateException.class).hasMessage("range is full");
    assertThat(Set.of(allocator.allocateNodePort(), allocator.allocateNodePort())).containsExactlyInAnyOrder(30000, 30001);
    assertThatThrownBy(allocator::allocateNodePort).hasMessage("range is full");
  }

  @Test
  void reservationsExpireSoAFailedCreateDoesNotLeakAnAddress() {
    Instant[] now = {Instant.parse("2024-01-01T00:00:00Z")};
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now[0];
          }
        };
    ServiceAddressAllocator allocator =
        new ServiceAddressAllocator(Ipv4Range.DEFAULT_SERVICE_RANGE, 30000, 32767, inUse, clock, new SplittableRandom(1));
    assertThat(allocator.reserveClusterIp("10.96.0.10")).isEmpty();
    assertThat(allocator.reserveClusterIp("10.96.0.10")).hasValue("provided IP is already allocated");
    now[0] = now[0].plus(ServiceAddressAllocator.RESERVATION).plus(Duration.ofSeconds(1));
    assertThat(allocator.reserveClusterIp("10.96.0.10")).isEmpty();
  }

  @Test
  void requestedAddressesMustBeInRange() {
    ServiceAddressAllocator allocator = new ServiceAddressAllocator(inUse);
    assertThat(allocator.reserveClusterIp("10.0.0.1"))
        .hasValue("the provided IP (10.0.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12");
    assertThat(allocator.reserveClusterIp("10.96.0.0")).isPresent();
    assertThat(allocator.reserveNodePort(80, Set.of()))
        .hasValue("provided port is not in the valid range. The range of valid ports is 30000-32767");
    inUse.ports.add(30080);
    assertThat(allocator.reserveNodePort(30080, Set.of())).hasValue("provided port is already allocated");
    assertThat(allocator.reserveNodePort(30080, Set.of(30080))).as("a Service keeps its own port").isEmpty();
  }
}
