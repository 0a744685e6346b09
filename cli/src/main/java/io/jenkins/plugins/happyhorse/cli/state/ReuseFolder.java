package io.jenkins.plugins.happyhorse.cli.state;

import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where in the state folder the render store of one host lives: {@code store/<host>} for the
 * host's documented address, {@code store/<host>-<12 hex>} for another base URL (a proxy, a local
 * simulator), {@code store/simulator} for the built-in simulator. A clip is reused only from
 * where it was rendered, so a simulator's picture never stands in for a paid clip.
 */
public final class ReuseFolder {
    /** The render stores' folder inside the state folder. */
    public static final String STORE = "store";

    private ReuseFolder() {}

    /** The store folder for renders on {@code host} at {@code baseUrl}. */
    public static java.nio.file.Path of(StateFolder folder, ProviderId host, URI baseUrl, boolean simulated) {
        java.nio.file.Path stores = folder.root().resolve(STORE);
        if (simulated) {
            return stores.resolve("simulator");
        }
        String base = strip(baseUrl.toString());
        if (base.equals(strip(host.defaultBaseUrl().toString()))) {
            return stores.resolve(host.id());
        }
        return stores.resolve(host.id() + "-" + sha256(base).substring(0, 12));
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
