package io.jenkins.plugins.happyhorse.simulator.fault;

/**
 * The simulator's routes, one per call a client makes, so faults can be aimed at one of them
 * and requests counted per route. {@link #ANY} matches every route in a fault plan.
 */
public enum Route {
    /** WaveSpeed {@code POST /api/v3/media/uploads} (step 1 of the presigned upload). */
    WS_UPLOAD,
    /** WaveSpeed {@code POST /api/v3/media/upload/binary} (the older multipart upload). */
    WS_UPLOAD_BINARY,
    /** WaveSpeed {@code POST /api/v3/alibaba/happyhorse-1.0/reference-to-video}. */
    WS_SUBMIT,
    /** WaveSpeed {@code GET /api/v3/predictions/{id}/result}. */
    WS_RESULT,
    /** WaveSpeed {@code GET /api/v3/predictions/{id}} (the older polling path). */
    WS_PREDICTION,
    /** WaveSpeed {@code GET /api/v3/webhook/secret} (the key that signs the account's callbacks). */
    WS_WEBHOOK_SECRET,
    /** Atlas Cloud {@code POST /api/v1/model/uploadMedia}. */
    AC_UPLOAD,
    /** Atlas Cloud {@code POST /api/v1/model/generateVideo}. */
    AC_SUBMIT,
    /** Atlas Cloud {@code GET /api/v1/model/prediction/{id}}. */
    AC_PREDICTION,
    /** Atlas Cloud {@code GET /api/v1/model/history}. */
    AC_HISTORY,
    /** Atlas Cloud {@code GET /api/v1/webhooks/jwks.json} (the public keys that verify its callbacks). */
    AC_JWKS,
    /** Model Studio {@code POST /api/v1/services/aigc/video-generation/video-synthesis}. */
    MS_SUBMIT,
    /** Model Studio {@code GET /api/v1/tasks/{task_id}}. */
    MS_TASK,
    /** Model Studio {@code GET /api/v1/tasks} (the account's task list). */
    MS_TASKS,
    /** Model Studio {@code GET /api/v1/uploads?action=getPolicy} (temporary storage, step 1). */
    MS_POLICY,
    /** Model Studio's storage origin: the multipart {@code POST /} of temporary storage (step 2). */
    MS_STORAGE,
    /** Media origin {@code PUT} of a presigned upload (step 2 of the WaveSpeed upload). */
    MEDIA_PUT,
    /** Media origin {@code GET}/{@code HEAD} of an uploaded file or an output clip. */
    MEDIA_GET,
    /** Every route (only meaningful in a fault plan). */
    ANY;

    /** Whether a fault aimed at this route applies to a request on {@code actual}. */
    public boolean covers(Route actual) {
        return this == ANY || this == actual;
    }
}
