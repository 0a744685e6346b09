package io.jenkins.plugins.happyhorse.webhook;

import hudson.Extension;
import hudson.security.csrf.CrumbExclusion;
import io.jenkins.plugins.happyhorse.config.WebhookSettings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Lets the hosts post to {@code /happyhorse-webhook/} without a CSRF crumb, which they cannot have,
 * as Jenkins does for other webhook endpoints. Exactly that path (with or without its trailing
 * slash), nothing under or beside it: the endpoint itself trusts nothing but a verified signature.
 */
@Extension
public final class WebhookCrumbExclusion extends CrumbExclusion {
    private static final String PATH = "/" + WebhookSettings.PATH;

    @Override
    public boolean process(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getPathInfo();
        if (PATH.equals(path) || (PATH + "/").equals(path)) {
            chain.doFilter(request, response);
            return true;
        }
        return false;
    }
}
