package io.jenkins.plugins.happyhorse.reliability.faults;

import io.jenkins.plugins.happyhorse.client.engine.RenderHandle;
import io.jenkins.plugins.happyhorse.client.engine.RenderOptions;
import io.jenkins.plugins.happyhorse.client.error.RenderException;
import io.jenkins.plugins.happyhorse.client.request.RenderRequest;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.reliability.support.Rig;
import io.jenkins.plugins.happyhorse.simulator.fault.Fault;
import io.jenkins.plugins.happyhorse.simulator.fault.Outcome;
import io.jenkins.plugins.happyhorse.simulator.fault.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One row of the fault matrix: a fault on one host and endpoint, how to play it, and what the
 * render must end in (success, or one typed failure whose message names what happened), with
 * how many jobs the host may have accepted.
 */
final class FaultCase {
    final String fault;
    final ProviderId host;
    final String endpoint;

    Rig.Settings settings = new Rig.Settings();
    final List<Consumer<Rig>> arrange = new ArrayList<>();
    UnaryOperator<RenderRequest.Builder> request = b -> b;
    BiFunction<Rig, RenderOptions.Builder, RenderOptions.Builder> options = (rig, b) -> b;
    BiConsumer<Rig, RenderHandle> during = (rig, handle) -> {};
    /** Checks of the simulator after the render (e.g. that a quirk was really played). */
    Consumer<Rig> verify = rig -> {};

    /** Null for success. */
    Class<? extends RenderException> failure;

    String fragment;
    int submissions = -1;
    /** Seeds tried in turn until {@link #accept} holds, for quirks the simulator draws per job. */
    long[] seeds = {42};

    Consumer<Rig> accept = null;
    String defect;
    Class<? extends Throwable> defectiveOutcome;

    FaultCase(String fault, ProviderId host, String endpoint) {
        this.fault = fault;
        this.host = host;
        this.endpoint = endpoint;
    }

    /** Scripts {@code f} on the next request to {@code route}. */
    FaultCase once(Route route, Fault f) {
        arrange.add(rig -> rig.sim().faults().next(route, f));
        return this;
    }

    /** Scripts {@code f} on every request to {@code route} for the whole render. */
    FaultCase always(Route route, Fault f) {
        arrange.add(rig -> rig.sim().faults().next(route, f, 1000));
        return this;
    }

    FaultCase job(Outcome outcome) {
        arrange.add(rig -> rig.sim().faults().nextJob(outcome));
        return this;
    }

    FaultCase arrange(Consumer<Rig> step) {
        arrange.add(step);
        return this;
    }

    FaultCase settings(UnaryOperator<Rig.Settings> change) {
        settings = change.apply(settings);
        return this;
    }

    FaultCase request(UnaryOperator<RenderRequest.Builder> change) {
        UnaryOperator<RenderRequest.Builder> before = request;
        request = b -> change.apply(before.apply(b));
        return this;
    }

    FaultCase options(UnaryOperator<RenderOptions.Builder> change) {
        return options((rig, b) -> change.apply(b));
    }

    FaultCase options(BiFunction<Rig, RenderOptions.Builder, RenderOptions.Builder> change) {
        BiFunction<Rig, RenderOptions.Builder, RenderOptions.Builder> before = options;
        options = (rig, b) -> change.apply(rig, before.apply(rig, b));
        return this;
    }

    FaultCase during(BiConsumer<Rig, RenderHandle> action) {
        during = action;
        return this;
    }

    FaultCase verify(Consumer<Rig> check) {
        verify = check;
        return this;
    }

    /** Tries these simulator seeds in turn until {@code condition} holds after the render. */
    FaultCase seeds(Consumer<Rig> condition, long... candidates) {
        accept = condition;
        seeds = candidates;
        return this;
    }

    FaultCase succeeds() {
        return succeeds(1);
    }

    /** Ends in a clip, with {@code jobs} jobs accepted by the host (an earlier render's included). */
    FaultCase succeeds(int jobs) {
        failure = null;
        submissions = jobs;
        return this;
    }

    /** Ends in {@code type} whose message contains {@code text}, with {@code jobs} jobs accepted by the host. */
    FaultCase fails(Class<? extends RenderException> type, String text, int jobs) {
        failure = type;
        fragment = text;
        submissions = jobs;
        return this;
    }

    /** A known defect: today the render ends in {@code observed} instead of what is expected. */
    FaultCase defect(String id, Class<? extends Throwable> observed) {
        defect = id;
        defectiveOutcome = observed;
        return this;
    }

    String expected() {
        return failure == null ? "success" : failure.getSimpleName();
    }

    @Override
    public String toString() {
        return host.displayName() + " / " + endpoint + " / " + fault;
    }
}
