package io.creditgate.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.creditgate.gateway.identity.UserId;

/** What a gateway remembers of users for open mode, and what it lets them spend without Redis. */
class StandingMemoryTest {

    private static final UserId ANN = new UserId("ann");
    private static final UserId BOB = new UserId("bob");

    private final StandingMemory memory = new StandingMemory(1000, 500);

    @Test
    void aUserLastSeenOutOfCreditsOrBlockedIsRefused() {
        memory.learned(ANN, 0, false, true);
        memory.learned(BOB, 900, true, true);

        assertThat(memory.admitUnchecked(ANN, 10).credits()).isEqualTo(StandingMemory.REFUSED);
        assertThat(memory.admitUnchecked(BOB, 10).credits()).isEqualTo(StandingMemory.BLOCKED);
    }

    @Test
    void grantsAtMostWhatIsLeftOfWhatTheUserWasLastSeenAbleToAfford() {
        memory.learned(ANN, 100, false, true);

        StandingMemory.Grant first = memory.admitUnchecked(ANN, 70);
        StandingMemory.Grant second = memory.admitUnchecked(ANN, 70);

        assertThat(first.credits()).isEqualTo(70);
        assertThat(second.credits()).isEqualTo(30);
        assertThat(memory.admitUnchecked(ANN, 1).credits()).isEqualTo(StandingMemory.REFUSED);
    }

    @Test
    void anEndedCallLeavesOnlyItsRealCostSpent() {
        memory.learned(ANN, 100, false, true);
        StandingMemory.Grant call = memory.admitUnchecked(ANN, 100);

        call.ended(40);

        assertThat(memory.admitUnchecked(ANN, 100).credits()).isEqualTo(60);
    }

    @Test
    void aCallThatNeverReachedTheUpstreamGivesItsGrantBack() {
        memory.learned(ANN, 100, false, true);
        memory.admitUnchecked(ANN, 100).ended(0);

        assertThat(memory.admitUnchecked(ANN, 100).credits()).isEqualTo(100);
    }

    @Test
    void aCheckedCallsUnusedReservationCountsAsAffordableAgain() {
        // Redis reserved 80 of 100 for a call that then cost 5: 95 is what is left.
        memory.learned(ANN, 20, false, true);
        memory.returned(ANN, 80 - 5);

        assertThat(memory.admitUnchecked(ANN, 1000).credits()).isEqualTo(95);
    }

    @Test
    void aFreshAnswerFromRedisReplacesWhatWasSpentWithout() {
        memory.learned(ANN, 100, false, true);
        memory.admitUnchecked(ANN, 100);

        memory.learned(ANN, 50, false, true);

        assertThat(memory.admitUnchecked(ANN, 100).credits()).isEqualTo(50);
    }

    @Test
    void aUserNeverSeenGetsTheUnknownUserAllowanceOnce() {
        assertThat(memory.hadAccount(ANN)).isFalse();
        assertThat(memory.admitUnchecked(ANN, 400).credits()).isEqualTo(400);
        assertThat(memory.admitUnchecked(ANN, 400).credits()).isEqualTo(100);
        assertThat(memory.admitUnchecked(ANN, 400).credits()).isEqualTo(StandingMemory.REFUSED);
    }

    @Test
    void remembersWhetherRedisHeldTheUsersAccount() {
        memory.learned(ANN, 10, false, true);
        memory.learned(BOB, 10, false, false);

        assertThat(memory.hadAccount(ANN)).isTrue();
        assertThat(memory.hadAccount(BOB)).isFalse();
    }

    @Test
    void forgetsTheUsersSeenLeastRecentlyFirst() {
        StandingMemory small = new StandingMemory(4, 0);
        small.learned(new UserId("u1"), 0, false, true);
        small.learned(new UserId("u2"), 0, false, true);
        small.learned(new UserId("u3"), 0, false, true);
        small.learned(new UserId("u4"), 0, false, true);
        small.learned(new UserId("u5"), 0, false, true);

        assertThat(small.hadAccount(new UserId("u1"))).isFalse();
        assertThat(small.hadAccount(new UserId("u3"))).isTrue();
        assertThat(small.hadAccount(new UserId("u5"))).isTrue();
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThatThrownBy(() -> new StandingMemory(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StandingMemory(10, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
