package io.jenkins.plugins.happyhorse.simulator.modelstudio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.happyhorse.simulator.http.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Model Studio's free temporary storage [doc]: upload policies handed out by {@code getPolicy},
 * and the files posted with them, each bound to one model and kept 48 hours of simulated time.
 * Policies are signed the way object storage signs a POST policy (base64 HMAC-SHA1 of the base64
 * policy document with a secret only the storage knows), so the storage origin can check the
 * fields it gets back without remembering each policy. Thread-safe.
 */
final class TemporaryStorage {
    /** How long a stored file can be used [doc]. */
    static final Duration FILE_LIFETIME = Duration.ofHours(48);
    /** How long a policy can be used to post [doc: {@code expire_in_seconds} 300 in examples]. */
    static final Duration POLICY_LIFETIME = Duration.ofSeconds(300);
    /** The largest file a policy allows [guess: the doc gives 10 or 20 MB for this model's images]. */
    static final int MAX_FILE_SIZE_MB = 20;

    static final String BUCKET = "dashscope-file-mgr";
    static final String OBJECT_ACL = "private";
    static final String FORBID_OVERWRITE = "true";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

    private final Path directory;
    private final String accountFolder;
    private final String accessKeyId;
    private final byte[] secret;
    private final SplittableRandom ids;
    private final AtomicLong fileNumbers = new AtomicLong();
    private final ConcurrentHashMap<String, String> modelByDir = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, StoredObject> objects = new ConcurrentHashMap<>();

    /**
     * @param directory where stored files are written (created if missing)
     * @param apiKey the account's key; only a digest of it names the account's folder
     * @param seed makes folders, ids and the signing secret reproducible
     */
    TemporaryStorage(Path directory, String apiKey, long seed) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.accountFolder = hex(sha256(apiKey)).substring(0, 16);
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.accessKeyId = "LTAI5t" + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
        byte[] key = new byte[24];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) random.nextInt(256);
        }
        this.secret = key;
        this.ids = random.split();
    }

    /** A new policy for files bound to {@code model}, valid from simulated instant {@code now}. */
    UploadPolicy issue(String model, Instant now) {
        String uuid;
        synchronized (ids) {
            uuid = new UUID(ids.nextLong(), ids.nextLong()).toString();
        }
        String dir = "dashscope-instant/" + accountFolder + "/" + DAY.format(now.atOffset(ZoneOffset.UTC)) + "/" + uuid;
        Instant expiresAt = now.plus(POLICY_LIFETIME);
        ObjectNode document = Json.object().put("expiration", expiresAt.toString());
        ArrayNode conditions = document.putArray("conditions");
        conditions.addObject().put("bucket", BUCKET);
        conditions.addArray().add("content-length-range").add(0).add(MAX_FILE_SIZE_MB * 1024L * 1024L);
        conditions.addArray().add("starts-with").add("$key").add(dir);
        conditions.addObject().put("x-oss-object-acl", OBJECT_ACL);
        conditions.addObject().put("x-oss-forbid-overwrite", FORBID_OVERWRITE);
        String policy = Base64.getEncoder().encodeToString(document.toString().getBytes(StandardCharsets.UTF_8));
        modelByDir.put(dir, model);
        return new UploadPolicy(dir, accessKeyId, policy, sign(policy), model, expiresAt, MAX_FILE_SIZE_MB);
    }

    /** The access key id the storage origin accepts. */
    String accessKeyId() {
        return accessKeyId;
    }

    /** Whether {@code signature} is this storage's signature of {@code policy}. */
    boolean signatureMatches(String policy, String signature) {
        return MessageDigest.isEqual(
                sign(policy).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** The model a policy's folder was issued for; empty for a folder this storage never issued. */
    Optional<String> modelOf(String dir) {
        return Optional.ofNullable(modelByDir.get(dir));
    }

    /** A fresh file to write an upload into before it is committed. */
    Path newFile() {
        return directory.resolve("object-" + fileNumbers.incrementAndGet());
    }

    /** Whether an object with this key is stored (and not yet expired at {@code now}). */
    boolean exists(String key, Instant now) {
        StoredObject object = objects.get(key);
        return object != null && !expired(object, now);
    }

    /** Stores a posted file under {@code key}, replacing an expired one. */
    StoredObject commit(String key, String model, Path file, long size, Instant now) {
        StoredObject object = new StoredObject(key, model, file, size, now);
        objects.put(key, object);
        return object;
    }

    /** The object behind an {@code oss://} URL, expired or not. */
    Optional<StoredObject> find(String ossUrl) {
        if (ossUrl == null || !ossUrl.startsWith("oss://")) {
            return Optional.empty();
        }
        return Optional.ofNullable(objects.get(ossUrl.substring("oss://".length())));
    }

    /** Whether {@code object} has outlived its 48 hours at simulated instant {@code now}. */
    static boolean expired(StoredObject object, Instant now) {
        return !now.isBefore(object.uploadedAt().plus(FILE_LIFETIME));
    }

    private String sign(String policy) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(policy.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
