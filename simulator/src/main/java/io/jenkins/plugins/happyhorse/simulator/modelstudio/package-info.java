/**
 * Alibaba Model Studio (DashScope), the model's maker, as the simulator plays it: base URL
 * {@code http://127.0.0.1:P/api/v1} (the Singapore and Beijing hosts' path), sharing the API
 * port with the other hosts, and a storage origin of its own for temporary files. Tags say where
 * each behaviour comes from: [doc] the host's documentation, [client] the official Java SDK
 * ({@code com.alibaba:dashscope-sdk-java}), [3rd] other public code or object storage's
 * documentation, [guess] an inference.
 *
 * <ul>
 *   <li><b>Submit</b> {@code POST /services/aigc/video-generation/video-synthesis}: requires
 *       {@code X-DashScope-Async: enable} (else 403 {@code AccessDenied} "current user api does
 *       not support synchronous calls" [doc: message][3rd: status and code]); body
 *       {@code {model, input: {prompt, media: [{type: "reference_image", url}] x 1-9},
 *       parameters: {resolution: 720P|1080P (default 1080P), ratio, duration 3-15 (default 5),
 *       seed, watermark (default true)}}} [doc]; replies
 *       {@code {request_id, output: {task_id, task_status: "PENDING"}}}. Models
 *       {@code happyhorse-1.0-r2v} and {@code happyhorse-1.1-r2v}; any other is 400
 *       {@code InvalidParameter} "Model not exist." [3rd].</li>
 *   <li><b>Query</b> {@code GET /tasks/{task_id}}: {@code PENDING}, {@code RUNNING},
 *       {@code SUCCEEDED} ({@code output.video_url} on the media origin, {@code usage} with
 *       {@code duration}, {@code SR}, {@code ratio}, {@code video_count}), {@code FAILED}
 *       ({@code output.code} and {@code output.message}: {@code DataInspectionFailed} for
 *       moderation, {@code IPInfringementSuspect}), {@code CANCELED}, and {@code UNKNOWN} for an
 *       id never issued or older than 24 simulated hours [doc]. At most 20 queries per simulated
 *       second per account [doc]; more answer 429 {@code Throttling.RateQuota} or
 *       {@code Throttling.BurstRate}. Video links stop working 24 hours after the task ends.</li>
 *   <li><b>Task list</b> {@code GET /tasks?model_name=&start_time=&end_time=&status=&page_no=
 *       &page_size=} [client]: the account's tasks of the last 24 hours, newest first, without
 *       their input; the way to find a task whose submit reply was lost.</li>
 *   <li><b>Temporary storage</b> [doc][client]: {@code GET /uploads?action=getPolicy&model=M}
 *       answers {@code {request_id, data: {upload_host, upload_dir, oss_access_key_id,
 *       signature, policy, x_oss_object_acl, x_oss_forbid_overwrite, max_file_size_mb,
 *       expire_in_seconds}}}; the client posts a multipart form to {@code upload_host} (the
 *       storage origin), then sends {@code oss://upload_dir/name} with
 *       {@code X-DashScope-OssResourceResolve: enable}. Files live 48 hours and are bound to the
 *       model named in the policy request and to the account.</li>
 *   <li><b>Errors</b>: every non-2xx reply is {@code {request_id, code, message}} [doc].</li>
 * </ul>
 *
 * <p><b>Key, region and model must match.</b> Keys, models and endpoints belong to one region
 * [doc]: a Singapore key sent to the Beijing host (or the other way round) is not recognised
 * there, and the host answers exactly as for a wrong key, HTTP 401 {@code {"code":
 * "InvalidApiKey", "message": "Invalid API-key provided."}} [doc: the error page lists a region
 * mismatch among the causes of this answer]; a model the region does not serve answers
 * {@code InvalidParameter} "Model not exist.". A client therefore cannot tell a wrong key from
 * a key of the wrong region by the answer and should say both in its message. The simulator
 * plays this with an optional second key ({@code Simulator.Builder.modelStudioOtherRegionKey}):
 * it is refused with that same 401, and counted apart in the statistics.
 */
package io.jenkins.plugins.happyhorse.simulator.modelstudio;
