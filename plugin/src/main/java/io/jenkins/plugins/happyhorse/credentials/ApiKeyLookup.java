package io.jenkins.plugins.happyhorse.credentials;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.happyhorse.Messages;
import io.jenkins.plugins.happyhorse.client.connection.ApiKey;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Finds a render's API key: a Secret Text credential looked up in the context of the build (so
 * folder credentials and the build's authentication apply) and recorded as used by it. The key
 * leaves this class only inside an {@link ApiKey}, which never shows it.
 */
public final class ApiKeyLookup {

    private ApiKeyLookup() {}

    /**
     * The key held by the credential {@code credentialsId}.
     *
     * @throws AbortException naming the id when there is no such credential, when it is not a
     *     Secret Text credential, or when it is empty
     */
    public static ApiKey resolve(Run<?, ?> run, String credentialsId) throws AbortException {
        if (credentialsId == null || credentialsId.isBlank()) {
            throw new AbortException(Messages.ApiKeyLookup_NoCredentialsId());
        }
        StringCredentials credentials =
                CredentialsProvider.findCredentialById(credentialsId, StringCredentials.class, run);
        if (credentials == null) {
            IdCredentials other = CredentialsProvider.findCredentialById(credentialsId, IdCredentials.class, run);
            if (other != null) {
                throw new AbortException(Messages.ApiKeyLookup_WrongType(
                        credentialsId, other.getDescriptor().getDisplayName()));
            }
            throw new AbortException(Messages.ApiKeyLookup_NotFound(credentialsId));
        }
        CredentialsProvider.track(run, credentials);
        String secret = credentials.getSecret().getPlainText();
        if (secret.isBlank()) {
            throw new AbortException(Messages.ApiKeyLookup_Empty(credentialsId));
        }
        return ApiKey.of(secret);
    }
}
