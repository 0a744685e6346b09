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
    /** Atlas Cloud {@code POST /api/v1/model/uploadMedia}. */
    AC_UPLOAD,
    /** Atlas Cloud {@code POST /api/v1/model/generateVideo}. */
    AC_SUBMIT,
    /** Atlas Cloud {@code GET /api/v1/model/prediction/{id}}. */
    AC_PREDICTION,
    /** Atlas Cloud {@code GET /api/v1/model/history}. */
    AC_HISTORY,
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
