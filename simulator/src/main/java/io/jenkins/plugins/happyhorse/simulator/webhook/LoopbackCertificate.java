package io.jenkins.plugins.happyhorse.simulator.webhook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed TLS certificate for {@code 127.0.0.1} (and {@code localhost}), made afresh in
 * memory each time, for a local HTTPS receiver of the simulated hosts' callbacks: Atlas Cloud
 * calls only https URLs, so a test receiver must speak TLS. Nothing is read from or written to
 * disk, and the private key never leaves this object: there is no secret to ship or to leak.
 *
 * <pre>{@code
 * LoopbackCertificate tls = LoopbackCertificate.generate();
 * HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
 * server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
 * Simulator sim = Simulator.builder().trustWebhookCertificate(tls.certificate()).start();
 * }</pre>
 *
 * <p>An EC P-256 key, signed with SHA-256 with ECDSA, valid from a day ago for a year (real time,
 * as TLS checks it), with the subject alternative names {@code IP:127.0.0.1} and {@code
 * DNS:localhost}.
 */
public final class LoopbackCertificate {
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final char[] STORE_PASSWORD = "loopback-test-only".toCharArray();

    private final X509Certificate certificate;
    private final PrivateKey key;

    private LoopbackCertificate(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    /** Makes a new key pair and certificate. */
    public static LoopbackCertificate generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            byte[] algorithm = Der.sequence(Der.objectId(ECDSA_WITH_SHA256));
            byte[] name = Der.sequence(Der.set(Der.sequence(Der.objectId(COMMON_NAME), Der.utf8("127.0.0.1"))));
            Instant now = Instant.now();
            byte[] validity = Der.sequence(
                    Der.utcTime(now.minus(Duration.ofDays(1))), Der.utcTime(now.plus(Duration.ofDays(365))));
            byte[] altNames = Der.sequence(
                    Der.implicit(7, new byte[] {127, 0, 0, 1}),
                    Der.implicit(2, "localhost".getBytes(StandardCharsets.US_ASCII)));
            byte[] extensions = Der.explicit(
                    3, Der.sequence(Der.sequence(Der.objectId(SUBJECT_ALT_NAME), Der.octetString(altNames))));
            byte[] tbs = Der.sequence(
                    Der.explicit(0, Der.integer(BigInteger.valueOf(2))),
                    Der.integer(new BigInteger(63, new SecureRandom()).add(BigInteger.ONE)),
                    algorithm,
                    name,
                    validity,
                    name,
                    pair.getPublic().getEncoded(),
                    extensions);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate());
            signer.update(tbs);
            byte[] der = Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
            X509Certificate certificate = (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            certificate.verify(pair.getPublic());
            return new LoopbackCertificate(certificate, pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot make an EC P-256 certificate", e);
        }
    }

    /** The certificate, for the side that must trust it (the simulator calling the receiver). */
    public X509Certificate certificate() {
        return certificate;
    }

    /** A TLS context that serves this certificate, for an {@code HttpsServer}. */
    public SSLContext serverContext() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("receiver", key, STORE_PASSWORD, new Certificate[] {certificate});
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, STORE_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build a TLS context for the loopback certificate", e);
        }
    }

    /** A TLS context that trusts this certificate and nothing else, for a test's own client. */
    public SSLContext clientContext() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("receiver", certificate);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build a TLS context trusting the loopback certificate", e);
        }
    }

    @Override
    public String toString() {
        return "LoopbackCertificate{" + certificate.getSubjectX500Principal() + ", until " + certificate.getNotAfter()
                + "}";
    }
}
