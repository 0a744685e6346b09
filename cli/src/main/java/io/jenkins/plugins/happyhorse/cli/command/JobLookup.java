package io.jenkins.plugins.happyhorse.cli.command;

import io.jenkins.plugins.happyhorse.cli.config.CliConfig;
import io.jenkins.plugins.happyhorse.cli.host.Hosts;
import io.jenkins.plugins.happyhorse.cli.state.RenderRecord;
import io.jenkins.plugins.happyhorse.cli.state.StateFolder;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.client.spec.Violation;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Finds out where a job named by its id lives: from its record when the state folder knows the
 * id (host, base URL, the clip it must be), else from {@code --provider} and {@code --base-url}
 * (or the config file's defaults).
 *
 * @param record the state folder's record, or null
 * @param host the host
 * @param baseUrl the API base URL, or null for the host's documented one
 */
record JobLookup(RenderRecord record, ProviderId host, URI baseUrl) {
    static final String ID_ALLOWED =
            "the prediction id the host returned on submission, or a render's id from" + " 'happyhorse history'";

    /** Looks {@code id} up; every problem goes to {@code problems} (then the result is empty). */
    static Optional<JobLookup> of(
            String id, StateFolder folder, JobOptions job, CliConfig config, List<Violation> problems) {
        if (id == null || id.isBlank()) {
            problems.add(new Violation("ID", id, ID_ALLOWED));
            return Optional.empty();
        }
        Optional<RenderRecord> record;
        try {
            record = folder.find(id);
        } catch (StateFolder.AmbiguousNameException e) {
            problems.add(new Violation("ID", id, ID_ALLOWED, e.getMessage()));
            return Optional.empty();
        } catch (IOException e) {
            record = Optional.empty(); // an unreadable state folder knows nothing
        }
        if (record.isPresent()) {
            RenderRecord r = record.get();
            if (job.provider != null
                    && ProviderId.parse(job.provider).filter(r.host()::equals).isEmpty()) {
                problems.add(new Violation(
                        "--provider",
                        job.provider,
                        r.host().id() + ", or none",
                        "the state folder records " + r.handle() + " on "
                                + r.host().displayName()));
            }
            return problems.isEmpty()
                    ? Optional.of(new JobLookup(r, r.host(), r.checkpoint().baseUrl()))
                    : Optional.empty();
        }
        String typed = job.provider;
        String field = "--provider";
        if (typed == null && config.get(CliConfig.PROVIDER).isPresent()) {
            typed = config.get(CliConfig.PROVIDER).get();
            field = config.field(CliConfig.PROVIDER);
        }
        ProviderId host = ProviderId.WAVESPEED;
        if (typed != null) {
            Optional<ProviderId> named = ProviderId.parse(typed);
            if (named.isPresent()) {
                host = named.get();
            } else {
                problems.add(new Violation(
                        field,
                        typed,
                        Hosts.ids(Hosts.all()),
                        Hosts.isSimulator(typed)
                                ? "a new simulator knows no jobs; point --base-url at a running one instead"
                                : null));
            }
        }
        URI base = HostOptions.baseUrl(job.baseUrl, job.region, host, config, problems);
        return problems.isEmpty() ? Optional.of(new JobLookup(null, host, base)) : Optional.empty();
    }

    /** Whether the state folder knows the job. */
    boolean known() {
        return record != null;
    }
}
