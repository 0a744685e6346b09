package io.jenkins.plugins.happyhorse.credentials;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The credentials drop-downs of the job and global forms: Secret Text credentials only, listed
 * only to someone allowed to configure where they are used. Anyone else gets just the current
 * value back, so that saving a form they may see does not lose it.
 */
public final class CredentialsItems {

    private CredentialsItems() {}

    /** The Secret Text credentials usable by {@code item}, for someone who may configure it. */
    public static ListBoxModel forItem(@CheckForNull Item item, @CheckForNull String current) {
        StandardListBoxModel result = new StandardListBoxModel();
        boolean permitted =
                item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
        if (!permitted) {
            result.includeCurrentValue(current == null ? "" : current);
            return result;
        }
        result.includeEmptyValue();
        if (item == null) {
            result.includeMatchingAs(
                    ACL.SYSTEM2, Jenkins.get(), StringCredentials.class, List.of(), CredentialsMatchers.always());
        } else {
            result.includeMatchingAs(
                    ACL.SYSTEM2, item, StringCredentials.class, List.of(), CredentialsMatchers.always());
        }
        if (current != null && !current.isEmpty()) {
            result.includeCurrentValue(current);
        }
        return result;
    }

    /** The Secret Text credentials of the controller, for an administrator. */
    public static ListBoxModel forGlobalConfiguration(@CheckForNull String current) {
        return forItem(null, current);
    }
}
