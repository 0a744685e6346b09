package io.jenkins.plugins.happyhorse.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.happyhorse.bench.measure.ThreadCensus.Owner;
import org.junit.jupiter.api.Test;

class ThreadCensusTest {

    @Test
    void countsTheSimulatorsThreadsApart() {
        assertThat(ThreadCensus.ownerOf("happyhorse-sim-http-17")).isEqualTo(Owner.SIMULATOR);
        assertThat(ThreadCensus.ownerOf("happyhorse-sim-timer-1")).isEqualTo(Owner.SIMULATOR);
        assertThat(ThreadCensus.ownerOf("HTTP-Dispatcher")).isEqualTo(Owner.SIMULATOR);
        assertThat(ThreadCensus.ownerOf("Java2D Disposer")).isEqualTo(Owner.SIMULATOR);
    }

    @Test
    void countsTheHarnessApart() {
        assertThat(ThreadCensus.ownerOf("main")).isEqualTo(Owner.HARNESS);
        assertThat(ThreadCensus.ownerOf("bench-thread-sampler")).isEqualTo(Owner.HARNESS);
    }

    @Test
    void chargesEverythingElseToTheClient() {
        assertThat(ThreadCensus.ownerOf("happyhorse-scaled-1")).isEqualTo(Owner.CLIENT);
        assertThat(ThreadCensus.ownerOf("httpclient-dispatch-2")).isEqualTo(Owner.CLIENT);
        assertThat(ThreadCensus.ownerOf("baseline-render-999")).isEqualTo(Owner.CLIENT);
        assertThat(ThreadCensus.ownerOf("ForkJoinPool.commonPool-worker-1")).isEqualTo(Owner.CLIENT);
    }

    @Test
    void aCensusSeesTheCallingThread() {
        ThreadCensus.Count count = ThreadCensus.take();

        assertThat(count.total()).isGreaterThanOrEqualTo(1);
        assertThat(count.total()).isEqualTo(count.client() + count.simulator() + count.harness());
    }
}
