package io.jenkins.plugins.happyhorse.simulator.modelstudio;

import java.time.Instant;

/**
 * One upload policy as {@code getPolicy} hands it out: the form fields a client must send to the
 * storage origin, and what they allow.
 *
 * @param uploadDir the folder every key must start with
 * @param accessKeyId the storage access key id ({@code OSSAccessKeyId})
 * @param policy the base64 policy document ({@code policy})
 * @param signature the base64 HMAC-SHA1 of {@code policy} ({@code Signature})
 * @param model the model the uploaded files are bound to
 * @param expiresAt the simulated instant after which the storage origin refuses the policy
 * @param maxFileSizeMb the largest file the policy allows, in MB
 */
record UploadPolicy(
        String uploadDir,
        String accessKeyId,
        String policy,
        String signature,
        String model,
        Instant expiresAt,
        int maxFileSizeMb) {}
