package io.jenkins.plugins.happyhorse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RenderSlotsTest {

    private final AtomicInteger limit = new AtomicInteger(2);
    private final RenderSlots slots = new RenderSlots(limit::get);

    @Test
    void grantsAtOnceUpToTheLimitAndQueuesTheRest() {
        RenderSlots.Ticket first = slots.request();
        RenderSlots.Ticket second = slots.request();
        RenderSlots.Ticket third = slots.request();

        assertThat(first.granted()).isDone();
        assertThat(second.granted()).isDone();
        assertThat(third.isWaiting()).isTrue();
        assertThat(slots.inUse()).isEqualTo(2);
        assertThat(slots.waiting()).isEqualTo(1);
    }

    @Test
    void aFreedSlotGoesToTheOldestWaitingRender() {
        RenderSlots.Ticket first = slots.request();
        slots.request();
        RenderSlots.Ticket third = slots.request();
        RenderSlots.Ticket fourth = slots.request();

        first.close();

        assertThat(third.granted()).isDone();
        assertThat(fourth.isWaiting()).isTrue();
        assertThat(slots.inUse()).isEqualTo(2);
    }

    @Test
    void leavingTheQueueCancelsTheWaitAndFreesNothing() {
        slots.request();
        slots.request();
        RenderSlots.Ticket waiting = slots.request();

        waiting.close();

        assertThat(waiting.granted()).isCompletedExceptionally();
        assertThat(waiting.granted().handle((v, e) -> e))
                .isCompletedWithValueMatching(e -> e instanceof CancellationException);
        assertThat(slots.inUse()).isEqualTo(2);
        assertThat(slots.waiting()).isZero();
    }

    @Test
    void closingTwiceGivesBackOneSlot() {
        RenderSlots.Ticket first = slots.request();
        RenderSlots.Ticket second = slots.request();

        first.close();
        first.close();

        assertThat(slots.inUse()).isEqualTo(1);
        second.close();
        assertThat(slots.inUse()).isZero();
    }

    @Test
    void resumedRendersTakeASlotEvenOverTheLimit() {
        slots.request();
        slots.request();

        RenderSlots.Ticket resumed = slots.takeNow();

        assertThat(resumed.granted()).isDone();
        assertThat(slots.inUse()).isEqualTo(3);
        RenderSlots.Ticket queued = slots.request();
        assertThat(queued.isWaiting()).isTrue();
    }

    @Test
    void aRaisedLimitLetsEveryRenderThatFitsStartWhenASlotIsFreed() {
        RenderSlots.Ticket first = slots.request();
        slots.request();
        List<RenderSlots.Ticket> queued = List.of(slots.request(), slots.request(), slots.request(), slots.request());
        limit.set(4);

        first.close();

        assertThat(queued.subList(0, 3))
                .as("the freed slot and the two the raised limit adds")
                .allSatisfy(ticket -> assertThat(ticket.granted()).isDone());
        assertThat(queued.get(3).isWaiting())
                .as("four renders at once, no more")
                .isTrue();
        assertThat(slots.inUse()).isEqualTo(4);
    }
}
