package io.jenkins.plugins.happyhorse.client.engine;

import io.jenkins.plugins.happyhorse.client.error.InvalidRequestException;
import io.jenkins.plugins.happyhorse.client.error.RenderException;
import io.jenkins.plugins.happyhorse.client.provider.Provider;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a run may carry on a job from its checkpoint (a resume, a download): the engine talks
 * to the address the job was submitted to, the job is younger than its host remembers, there is a
 * key, the output can take the clip, and the host could call back the URL given (if one is). Nothing is ever submitted again, so a job the host has
 * forgotten fails here, clearly, rather than being rendered (and paid for) twice.
 */
final class TakeOverCheck {
    private TakeOverCheck() {}

    /** Why {@code provider} cannot carry on {@code from}'s job at {@code now}; empty when it can. */
    static Optional<RenderException> refusal(
            Provider provider, RenderCheckpoint from, Instant now, RenderOptions options, String what) {
        if (!BaseUrls.sameBase(from.baseUrl(), provider.baseUrl())) {
            return Optional.of(RenderMessages.otherHost(from, provider.baseUrl()));
        }
        Duration age = Duration.between(from.submittedAt(), now);
        Optional<Duration> lifetime = provider.jobLifetime();
        if (!from.adopted() && lifetime.isPresent() && age.compareTo(lifetime.get()) >= 0) {
            return Optional.of(RenderMessages.expired(from, age, lifetime.get()));
        }
        if (options.apiKey() == null) {
            return Optional.of(RenderMessages.keyRequired(what));
        }
        List<Violation> outputProblems = new ArrayList<>(OutputPathCheck.check(options.output()));
        outputProblems.addAll(CallbackListening.problems(provider, options.webhook()));
        if (!outputProblems.isEmpty()) {
            return Optional.of(new InvalidRequestException(outputProblems));
        }
        return Optional.empty();
    }
}
