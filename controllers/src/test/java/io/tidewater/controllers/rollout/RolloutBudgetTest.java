package io.tidewater.controllers.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.controllers.rollout.RolloutBudget.Grant;
import io.tidewater.controllers.rollout.RolloutBudget.Member;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutBudgetTest {
  private static Member waiting(String name, int replicas) {
    return new Member(name, replicas, false, false, 0, 0, 0);
  }

  private static int sumUnavailable(Map<String, Grant> g) {
    return g.values().stream().filter(Grant::budget).mapToInt(Grant::maxUnavailable).sum();
  }

  private static int sumSurge(Map<String, Grant> g) {
    return g.values().stream().filter(Grant::budget).mapToInt(Grant::maxSurge).sum();
  }

  @Test
  void maxUnavailableOneRollsOneMemberAtATime() {
    List<Member> m = List.of(waiting("a", 15), waiting("b", 15), waiting("c", 6), waiting("d", 4));
    Map<String, Grant> g = RolloutBudget.plan(40, 0, 1, m);
    assertThat(g.get("a")).isEqualTo(Grant.rolling(0, 1));
    assertThat(g.values().stream().filter(Grant::update).count()).isEqualTo(1);
    assertThat(sumUnavailable(g)).isEqualTo(1);

    // a finishes: b gets the budget; a keeps running the new template
    List<Member> next = List.of(new Member("a", 15, true, true, 0, 0, 1), waiting("b", 15), waiting("c", 6), waiting("d", 4));
    Map<String, Grant> g2 = RolloutBudget.plan(40, 0, 1, next);
    assertThat(g2.get("a")).isEqualTo(Grant.DONE);
    assertThat(g2.get("b")).isEqualTo(Grant.rolling(0, 1));
    assertThat(g2.get("c").update()).isFalse();
  }

  @Test
  void aLargerBudgetIsSharedSoSeveralMembersRollAtOnceWithoutExceedingIt() {
    List<Member> m = List.of(waiting("a", 15), waiting("b", 15), waiting("c", 6), waiting("d", 4));
    Map<String, Grant> g = RolloutBudget.plan(40, 10, 10, m);
    assertThat(g.values().stream().filter(Grant::update).count()).isGreaterThanOrEqualTo(3);
    assertThat(sumUnavailable(g)).isLessThanOrEqualTo(10);
    assertThat(sumSurge(g)).isLessThanOrEqualTo(10);
  }

  @Test
  void aRollingMemberKeepsItsBudgetAndTroubleElsewhereCountsAgainstIt() {
    List<Member> m = List.of(new Member("a", 15, true, false, 1, 0, 1), waiting("b", 15));
    assertThat(RolloutBudget.plan(30, 0, 1, m).get("b")).isEqualTo(Grant.WAIT);
    // a waiting member with a pod down of its own uses up the budget too
    List<Member> sick = List.of(new Member("a", 15, false, false, 1, 0, 0), waiting("b", 15));
    assertThat(RolloutBudget.plan(30, 0, 1, sick).values()).noneMatch(Grant::update);
  }

  @Test
  void aMemberThatOnlyScalesHoldsNoBudgetAndIsNeverGivenAnInvalidStrategy() {
    // updated, not complete (scaling out), never granted a budget: its strategy is left alone
    Map<String, Grant> g = RolloutBudget.plan(60, 0, 1, List.of(new Member("a", 40, true, false, 5, 0, 0), waiting("b", 20)));
    assertThat(g.get("a")).isEqualTo(Grant.DONE);
    assertThat(g.values()).noneMatch(x -> x.budget() && x.maxSurge() == 0 && x.maxUnavailable() == 0);
  }

  @Test
  void resolvesLikeKubernetes() {
    assertThat(RolloutBudget.resolve("25%", 10, true, 0)).isEqualTo(3);
    assertThat(RolloutBudget.resolve("25%", 10, false, 0)).isEqualTo(2);
    assertThat(RolloutBudget.resolve("1", 10, false, 0)).isEqualTo(1);
    assertThat(RolloutBudget.resolve(null, 10, false, 7)).isEqualTo(7);
  }
}
