package io.jenkins.plugins.happyhorse.simulator.modelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.jenkins.plugins.happyhorse.simulator.job.JobParameters;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads a Model Studio submission body, {@code {model, input: {prompt, media: [{type, url}]},
 * parameters: {resolution, ratio, duration, seed, watermark}}} [doc], into neutral job
 * parameters. A missing model or input is refused on its own, with the host's
 * {@code BadRequest.*} code [doc]; every other problem is named at once, field by field, in one
 * {@code InvalidParameter} message. Fields the official client adds that this model ignores
 * ({@code input.extend_prompt}, {@code parameters.with_audio}) are accepted [client].
 */
final class SubmissionParser {
    /** The models this simulator serves [doc: 1.1 appeared after 1.0]. */
    static final Set<String> MODELS = Set.of("happyhorse-1.0-r2v", "happyhorse-1.1-r2v");

    private static final Set<String> RATIOS = Set.of("16:9", "9:16", "1:1", "4:3", "3:4");
    private static final long MAX_SEED = 2147483647L;

    private SubmissionParser() {}

    /**
     * A valid submission.
     *
     * @param parameters the job's parameters in neutral spelling (lower-case {@code 720p})
     * @param watermark whether the clip carries the host's mark
     */
    record Submission(JobParameters parameters, boolean watermark) {}

    static Submission parse(JsonNode body) throws ModelStudioError {
        if (body == null || !body.isObject()) {
            throw ModelStudioError.invalidParameter("body: must be a JSON object");
        }
        String model = model(body.get("model"));
        JsonNode input = body.get("input");
        if (input == null || input.isNull()) {
            throw new ModelStudioError(400, "BadRequest.EmptyInput", "Required input parameter missing from request.");
        }
        List<String> problems = new ArrayList<>();
        if (!input.isObject()) {
            throw ModelStudioError.invalidParameter("input: must be a JSON object with prompt and media");
        }
        String prompt = prompt(input.get("prompt"), problems);
        List<String> images = media(input.get("media"), problems);
        JsonNode parameters = body.get("parameters");
        if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
            problems.add("parameters: must be a JSON object");
            parameters = null;
        }
        JsonNode p = parameters == null || parameters.isNull() ? MissingNode.getInstance() : parameters;
        String resolution = resolution(p.get("resolution"), problems);
        String ratio = ratio(p.get("ratio"), problems);
        int duration = (int) integer(p.get("duration"), "parameters.duration", 3, 15, 5, problems);
        OptionalLong seed = OptionalLong.empty();
        JsonNode seedNode = p.get("seed");
        if (seedNode != null && !seedNode.isNull()) {
            seed = OptionalLong.of(integer(seedNode, "parameters.seed", 0, MAX_SEED, 0, problems));
        }
        boolean watermark = watermark(p.get("watermark"), problems);
        if (!problems.isEmpty()) {
            throw ModelStudioError.invalidParameter(String.join("; ", problems));
        }
        return new Submission(new JobParameters(model, images, prompt, resolution, ratio, duration, seed), watermark);
    }

    private static String model(JsonNode node) throws ModelStudioError {
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            throw new ModelStudioError(
                    400, "BadRequest.EmptyModel", "Required parameter \"model\" missing from request.");
        }
        if (!node.isTextual() || !MODELS.contains(node.asText())) {
            // What the host says for a model it does not serve in this region [3rd].
            throw ModelStudioError.invalidParameter("Model not exist.");
        }
        return node.asText();
    }

    private static String prompt(JsonNode node, List<String> problems) {
        if (node == null || node.isNull()) {
            problems.add("input.prompt: is required and must not be empty");
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            problems.add("input.prompt: must be a non-empty string");
            return null;
        }
        return node.asText();
    }

    private static List<String> media(JsonNode node, List<String> problems) {
        List<String> urls = new ArrayList<>();
        if (node == null || node.isNull()) {
            problems.add("input.media: is required; send 1 to 9 {\"type\": \"reference_image\", \"url\": ...} entries");
            return urls;
        }
        if (!node.isArray()) {
            problems.add("input.media: must be an array of 1 to 9 reference_image entries");
            return urls;
        }
        if (node.size() < 1 || node.size() > 9) {
            problems.add("input.media: must hold 1 to 9 reference_image entries, got " + node.size());
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String field = "input.media[" + i + "]";
            if (!item.isObject()) {
                problems.add(field + ": must be an object {\"type\": \"reference_image\", \"url\": ...}");
                continue;
            }
            JsonNode type = item.get("type");
            if (type == null || !"reference_image".equals(type.asText())) {
                problems.add(
                        field + ".type: " + (type == null ? "is missing" : "'" + type.asText() + "' is not supported")
                                + "; this model takes reference_image only");
            }
            JsonNode url = item.get("url");
            if (url == null || !url.isTextual() || !isImageUrl(url.asText())) {
                problems.add(field + ".url: must be an http, https or oss:// URL");
            } else {
                urls.add(url.asText());
            }
        }
        return urls;
    }

    private static boolean isImageUrl(String text) {
        if (text.startsWith("oss://")) {
            return text.length() > "oss://".length();
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** {@code 720P} or {@code 1080P} [doc: upper case], default 1080P; returned in neutral lower case. */
    private static String resolution(JsonNode node, List<String> problems) {
        if (node == null || node.isNull()) {
            return "1080p";
        }
        String text = node.isTextual() ? node.asText() : node.toString();
        if (text.equals("720P") || text.equals("1080P")) {
            return text.toLowerCase(Locale.ROOT);
        }
        problems.add("parameters.resolution: '" + text + "' is not supported; use 720P or 1080P");
        return null;
    }

    private static String ratio(JsonNode node, List<String> problems) {
        if (node == null || node.isNull()) {
            return "16:9";
        }
        String text = node.isTextual() ? node.asText() : node.toString();
        if (!RATIOS.contains(text)) {
            problems.add("parameters.ratio: '" + text + "' is not supported; use 16:9, 9:16, 1:1, 4:3 or 3:4");
            return null;
        }
        return text;
    }

    private static boolean watermark(JsonNode node, List<String> problems) {
        if (node == null || node.isNull()) {
            return true; // the host marks clips unless told not to [doc]
        }
        if (!node.isBoolean()) {
            problems.add("parameters.watermark: " + node + " is not allowed; use true or false");
            return true;
        }
        return node.asBoolean();
    }

    private static long integer(JsonNode node, String field, long min, long max, long dflt, List<String> problems) {
        if (node == null || node.isNull()) {
            return dflt;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < min || node.asLong() > max) {
            problems.add(field + ": " + node + " is not allowed; use an integer from " + min + " to " + max);
            return dflt;
        }
        return node.asLong();
    }
}
