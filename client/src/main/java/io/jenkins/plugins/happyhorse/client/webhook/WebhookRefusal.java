package io.jenkins.plugins.happyhorse.client.webhook;

/** Why a callback was refused. Every refusal changes nothing, and the sender learns none of these. */
public enum WebhookRefusal {
    /** The body is larger than the receiver accepts. */
    TOO_LARGE,
    /** The request carries no host's signature headers, or more than one host's. */
    UNKNOWN_SENDER,
    /** A header the host always sends is missing or repeated. */
    MISSING_HEADER,
    /** A header or the body cannot be read (not JSON, no prediction id, a timestamp that is not a number). */
    MALFORMED,
    /** The timestamp is older than the freshness window. */
    STALE,
    /** The timestamp lies too far in the future. */
    FROM_THE_FUTURE,
    /** A callback with this id, or this very signed message, was accepted before. */
    REPLAYED,
    /** No render of this engine waits for the job the callback names. */
    NOT_AWAITED,
    /** The signature does not match the host's key (after one refresh of the key). */
    BAD_SIGNATURE,
    /** The signature names a key the host does not publish (after one refresh of its keys). */
    UNKNOWN_KEY,
    /** The host's key could not be fetched to check the signature. */
    KEY_UNAVAILABLE,
    /** The host cannot be asked for callbacks at all (Model Studio). */
    NOT_SUPPORTED,
    /** The engine is closed. */
    CLOSED
}
