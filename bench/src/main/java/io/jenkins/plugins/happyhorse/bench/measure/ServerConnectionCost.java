package io.jenkins.plugins.happyhorse.bench.measure;

import io.jenkins.plugins.happyhorse.simulator.Simulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one idle keep-alive connection costs the simulator's JDK HTTP server in heap (its
 * connection object and read and write buffers, about 20 KiB). The client under test and the
 * simulator share one heap; when the client closes its connections the server frees these too,
 * so this much per connection is subtracted from what the client is charged. Measured by opening
 * plain sockets that each make one request and stay open; the sockets' own few hundred bytes
 * count with the server's, which slightly favours the client.
 */
public final class ServerConnectionCost {
    /** The JDK server's connection class, counted in the class histogram. */
    public static final String SERVER_CONNECTION_CLASS = "sun.net.httpserver.HttpConnection";

    private ServerConnectionCost() {}

    /** Heap bytes per idle keep-alive connection to {@code sim}, over {@code count} connections. */
    public static double perConnection(Simulator sim, int count) throws IOException {
        List<Socket> sockets = new ArrayList<>(count);
        try {
            long before = HeapProbe.usedAfterGc();
            for (int i = 0; i < count; i++) {
                sockets.add(oneRequest(sim));
            }
            long after = HeapProbe.usedAfterGc();
            return (after - before) / (double) count;
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    private static Socket oneRequest(Simulator sim) throws IOException {
        Socket socket = new Socket(
                InetAddress.getLoopbackAddress(), sim.waveSpeedBaseUrl().getPort());
        boolean ok = false;
        try {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v3/predictions/none/result HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                            + sim.apiKey() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0 || head.size() > 64 * 1024) {
                    throw new IOException("the simulator closed the connection before the reply's headers ended");
                }
                head.write(b);
            }
            int length = 0;
            for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(
                            line.substring("content-length:".length()).trim());
                }
            }
            in.readNBytes(length);
            ok = true;
            return socket;
        } finally {
            if (!ok) {
                socket.close();
            }
        }
    }
}
