package io.jenkins.plugins.happyhorse.form;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import jenkins.model.Jenkins;

/**
 * Who the job forms' end points serve. Every {@code doFill…} and {@code doCheck…} method of the
 * plugin asks one of these first (a test of the plugin's architecture makes sure of it), because
 * Stapler exposes each as a URL of its own that anyone could post to.
 *
 * <p>Without an item (the Snippet Generator at {@code /pipeline-syntax}) the question is asked of
 * Jenkins as a whole.
 */
public final class FormAccess {

    private FormAccess() {}

    /** Whether the current user may change {@code item}'s configuration: field checks answer them. */
    public static boolean mayConfigure(@CheckForNull Item item) {
        return item == null ? Jenkins.get().hasPermission(Item.CONFIGURE) : item.hasPermission(Item.CONFIGURE);
    }

    /**
     * Whether the current user may read {@code item}'s configuration (the read-only view of a job
     * shows its drop-downs); others get only the value they sent back.
     */
    public static boolean mayReadConfiguration(@CheckForNull Item item) {
        return item == null ? Jenkins.get().hasPermission(Item.EXTENDED_READ) : item.hasPermission(Item.EXTENDED_READ);
    }

    /**
     * Whether the current user may see which credentials {@code item} could use, as the Credentials
     * plugin's consumer guide and credentials-binding ask: configure the item or use its
     * credentials; without an item, administer Jenkins.
     */
    public static boolean mayListCredentials(@CheckForNull Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.CONFIGURE) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    /** Whether the current user may change the global configuration. */
    public static boolean mayAdminister() {
        return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
    }
}
