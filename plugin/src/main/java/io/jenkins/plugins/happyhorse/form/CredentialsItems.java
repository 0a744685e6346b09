package io.jenkins.plugins.happyhorse.form;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.happyhorse.Messages;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;

/**
 * The credentials drop-downs of the job and global forms, as the Credentials plugin's consumer
 * guide and credentials-binding make them: Secret Text credentials only, listed with the
 * authentication the item's builds run as (so the list holds what a build could use), and only to
 * someone who may configure the item or use its credentials. Anyone else gets just the current
 * value back, so that a form they may see still shows it and saving it does not lose it.
 */
public final class CredentialsItems {

    private CredentialsItems() {}

    /** The Secret Text credentials usable by {@code item}'s builds, with {@code current} kept. */
    public static ListBoxModel forItem(@CheckForNull Item item, @CheckForNull String current) {
        StandardListBoxModel result = new StandardListBoxModel();
        String value = current == null ? "" : current;
        if (!FormAccess.mayListCredentials(item)) {
            return result.includeCurrentValue(value);
        }
        result.includeEmptyValue();
        if (item == null) {
            // The global configuration, for an administrator: the controller's own credentials.
            result.includeMatchingAs(
                    ACL.SYSTEM2, Jenkins.get(), StringCredentials.class, List.of(), CredentialsMatchers.always());
        } else {
            result.includeMatchingAs(
                    buildAuthentication(item), item, StringCredentials.class, List.of(), CredentialsMatchers.always());
        }
        return result.includeCurrentValue(value);
    }

    /** The Secret Text credentials of the controller, for the global configuration. */
    public static ListBoxModel forGlobalConfiguration(@CheckForNull String current) {
        return forItem(null, current);
    }

    /**
     * Checks a credential chosen in the global configuration: blank (none), or the id of a Secret
     * text credential of the controller. An id the controller does not hold is a warning, as the
     * Credentials plugin's consumer guide has it: builds in a folder holding one may still use it.
     * Another kind of credential is an error. Only administrators are answered.
     */
    public static FormValidation checkGlobalConfiguration(@CheckForNull String value) {
        String id = Util.fixEmptyAndTrim(value);
        if (id == null || !FormAccess.mayAdminister()) {
            return FormValidation.ok();
        }
        List<IdCredentials> found = CredentialsProvider.lookupCredentialsInItemGroup(
                IdCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of());
        IdCredentials match = CredentialsMatchers.firstOrNull(found, CredentialsMatchers.withId(id));
        if (match == null) {
            return FormValidation.warning(Messages.CredentialsItems_NotFound(id));
        }
        if (!(match instanceof StringCredentials)) {
            return FormValidation.error(Messages.CredentialsItems_WrongType(
                    id, match.getDescriptor().getDisplayName()));
        }
        return FormValidation.ok();
    }

    /** The authentication {@code item}'s builds run as: a task's own, else the system's. */
    private static Authentication buildAuthentication(Item item) {
        return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }
}
