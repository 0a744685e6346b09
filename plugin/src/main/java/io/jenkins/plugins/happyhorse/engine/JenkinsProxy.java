package io.jenkins.plugins.happyhorse.engine;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.ProxyConfiguration;
import hudson.util.Secret;
import io.jenkins.plugins.happyhorse.client.connection.ProxySettings;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns Jenkins' own proxy configuration (Manage Jenkins » Plugins » Advanced) into the engine's
 * {@link ProxySettings}, so that renders go through the same proxy as the rest of Jenkins.
 */
final class JenkinsProxy {
    private static final Logger LOGGER = Logger.getLogger(JenkinsProxy.class.getName());

    private JenkinsProxy() {}

    /** The engine's settings for {@code proxy}; direct connections when there is none. */
    static ProxySettings toSettings(@CheckForNull ProxyConfiguration proxy) {
        if (proxy == null || proxy.getName() == null || proxy.getName().isBlank()) {
            return ProxySettings.none();
        }
        try {
            ProxySettings settings = ProxySettings.of(proxy.getName(), proxy.getPort())
                    .withNonProxyHosts(nonProxyHosts(proxy.getNoProxyHost()));
            String user = proxy.getUserName();
            if (user != null && !user.isBlank()) {
                settings = settings.withCredentials(user, Secret.toString(proxy.getSecretPassword()));
            }
            return settings;
        } catch (IllegalArgumentException e) {
            // Jenkins validates its proxy form, so this only happens with a hand-edited file.
            LOGGER.log(Level.WARNING, "Ignoring Jenkins' proxy configuration: {0}", e.getMessage());
            return ProxySettings.none();
        }
    }

    /** Jenkins' "No Proxy Host" text: patterns separated by line breaks, blanks, commas or bars. */
    static List<String> nonProxyHosts(@CheckForNull String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String pattern : text.split("[\\s,|]+")) {
                if (!pattern.isEmpty()) {
                    out.add(pattern);
                }
            }
        }
        return out;
    }
}
