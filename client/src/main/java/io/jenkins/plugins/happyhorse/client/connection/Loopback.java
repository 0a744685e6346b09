package io.jenkins.plugins.happyhorse.client.connection;

import java.net.InetAddress;
import java.util.Locale;

/**
 * Recognises this machine's loopback names and addresses. Plain http is allowed only to them (the
 * local simulator), and a proxy is never used for them.
 */
public final class Loopback {
    private Loopback() {}

    /** Whether {@code host} names this machine's loopback interface (127.0.0.0/8, ::1, localhost). */
    public static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (h.matches("127(\\.\\d{1,3}){3}") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            try {
                // A literal address is parsed without a name lookup.
                return InetAddress.getByName(h).isLoopbackAddress();
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return false;
    }
}
