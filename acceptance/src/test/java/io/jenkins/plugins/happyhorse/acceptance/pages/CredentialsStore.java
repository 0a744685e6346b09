package io.jenkins.plugins.happyhorse.acceptance.pages;

/**
 * The system credentials store (Manage Jenkins » Credentials » System » Global), filled through
 * the script console: the API key as a Secret text credential, as the plugin's documentation asks.
 */
public final class CredentialsStore {
    private final ScriptConsole console;

    public CredentialsStore(ScriptConsole console) {
        this.console = console;
    }

    /** Adds (or replaces) a global Secret text credential. */
    public void putSecretText(String id, String description, String secret) {
        console.run(
                """
                import com.cloudbees.plugins.credentials.CredentialsScope
                import com.cloudbees.plugins.credentials.SystemCredentialsProvider
                import com.cloudbees.plugins.credentials.domains.Domain
                import hudson.util.Secret
                import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl

                def store = SystemCredentialsProvider.instance.store
                def credential = new StringCredentialsImpl(CredentialsScope.GLOBAL, %s, %s, Secret.fromString(%s))
                def old = store.getCredentials(Domain.global()).find { it.id == credential.id }
                if (old != null) { store.removeCredentials(Domain.global(), old) }
                store.addCredentials(Domain.global(), credential)
                """
                        .formatted(
                                ScriptConsole.literal(id),
                                ScriptConsole.literal(description),
                                ScriptConsole.literal(secret)));
    }

    /** Adds (or replaces) a global Username with password credential. */
    public void putUsernamePassword(String id, String description, String username, String password) {
        console.run(
                """
                import com.cloudbees.plugins.credentials.CredentialsScope
                import com.cloudbees.plugins.credentials.SystemCredentialsProvider
                import com.cloudbees.plugins.credentials.domains.Domain
                import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl

                def store = SystemCredentialsProvider.instance.store
                def credential = new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, %s, %s, %s, %s)
                def old = store.getCredentials(Domain.global()).find { it.id == credential.id }
                if (old != null) { store.removeCredentials(Domain.global(), old) }
                store.addCredentials(Domain.global(), credential)
                """
                        .formatted(
                                ScriptConsole.literal(id),
                                ScriptConsole.literal(description),
                                ScriptConsole.literal(username),
                                ScriptConsole.literal(password)));
    }
}
