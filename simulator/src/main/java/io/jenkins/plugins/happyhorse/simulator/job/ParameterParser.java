package io.jenkins.plugins.happyhorse.simulator.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.happyhorse.simulator.Host;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Validates a submission body the way the hosts do and turns it into {@link JobParameters}.
 * Every problem is reported at once, each naming its field, as one 400 message.
 *
 * <p>Atlas Cloud's dialect also accepts {@code ratio} for {@code aspect_ratio} and upper-case
 * {@code 720P}/{@code 1080P}, requires {@code model}, and refuses the nested {@code input} form
 * of one of its documentation pages. WaveSpeed takes the model from the path.
 */
public final class ParameterParser {
    /** The only model both hosts serve here. */
    public static final String MODEL = "alibaba/happyhorse-1.0/reference-to-video";

    private static final Set<String> ASPECT_RATIOS = Set.of("16:9", "9:16", "1:1", "4:3", "3:4");
    private static final long MAX_SEED = 2147483647L;

    private ParameterParser() {}

    /** The outcome of parsing: parameters, or the problems found (never both). */
    public record Result(JobParameters parameters, List<String> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public boolean valid() {
            return problems.isEmpty();
        }

        /** All problems in one sentence, for a 400 reply. */
        public String message() {
            return String.join("; ", problems);
        }
    }

    /** Parses a submission body sent to {@code host}. */
    public static Result parse(JsonNode body, Host host) {
        List<String> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            return new Result(null, List.of("body: must be a JSON object"));
        }
        boolean atlas = host == Host.ATLASCLOUD;
        if (atlas && body.has("input")) {
            return new Result(
                    null,
                    List.of("input: the nested input form is not accepted; send model, prompt, images"
                            + " and the other fields flat at the top level of the body"));
        }
        String model = MODEL;
        if (atlas) {
            JsonNode modelNode = body.get("model");
            if (modelNode == null
                    || !modelNode.isTextual()
                    || modelNode.asText().isBlank()) {
                problems.add("model: is required; use " + MODEL);
            } else if (!MODEL.equals(modelNode.asText())) {
                problems.add("model: '" + modelNode.asText() + "' is not available; use " + MODEL);
            }
        }
        List<String> images = images(body.get("images"), problems);
        String prompt = prompt(body.get("prompt"), problems);
        String resolution = resolution(body.get("resolution"), atlas, problems);
        String aspectRatio = aspectRatio(body, atlas, problems);
        int duration = (int) integer(body.get("duration"), "duration", 3, 15, 5, problems);
        OptionalLong seed = OptionalLong.empty();
        JsonNode seedNode = body.get("seed");
        if (seedNode != null && !seedNode.isNull()) {
            seed = OptionalLong.of(integer(seedNode, "seed", 0, MAX_SEED, 0, problems));
        }
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        return new Result(new JobParameters(model, images, prompt, resolution, aspectRatio, duration, seed), List.of());
    }

    private static List<String> images(JsonNode node, List<String> problems) {
        List<String> images = new ArrayList<>();
        if (node == null || node.isNull()) {
            problems.add("images: is required; send 1 to 9 image URLs");
            return images;
        }
        if (!node.isArray()) {
            problems.add("images: must be an array of 1 to 9 image URLs");
            return images;
        }
        if (node.size() < 1 || node.size() > 9) {
            problems.add("images: must hold 1 to 9 image URLs, got " + node.size());
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual() || !isHttpUrl(item.asText())) {
                problems.add("images[" + i + "]: must be an http or https URL");
            } else {
                images.add(item.asText());
            }
        }
        return images;
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String prompt(JsonNode node, List<String> problems) {
        if (node == null || node.isNull()) {
            problems.add("prompt: is required and must not be empty");
            return null;
        }
        if (!node.isTextual()) {
            problems.add("prompt: must be a string");
            return null;
        }
        if (node.asText().isBlank()) {
            problems.add("prompt: must not be empty");
            return null;
        }
        return node.asText();
    }

    private static String resolution(JsonNode node, boolean atlas, List<String> problems) {
        if (node == null || node.isNull()) {
            return "720p";
        }
        String text = node.isTextual() ? node.asText() : node.toString();
        if (text.equals("720p") || text.equals("1080p")) {
            return text;
        }
        if (atlas && (text.equals("720P") || text.equals("1080P"))) {
            return text.toLowerCase(Locale.ROOT);
        }
        problems.add("resolution: '" + text + "' is not supported; use 720p or 1080p");
        return null;
    }

    private static String aspectRatio(JsonNode body, boolean atlas, List<String> problems) {
        JsonNode aspect = body.get("aspect_ratio");
        JsonNode ratio = atlas ? body.get("ratio") : null;
        boolean hasAspect = aspect != null && !aspect.isNull();
        boolean hasRatio = ratio != null && !ratio.isNull();
        if (hasAspect && hasRatio && !aspect.asText().equals(ratio.asText())) {
            problems.add("aspect_ratio: '" + aspect.asText() + "' conflicts with ratio '" + ratio.asText() + "'");
            return null;
        }
        String field = hasAspect || !hasRatio ? "aspect_ratio" : "ratio";
        JsonNode node = hasAspect ? aspect : ratio;
        if (node == null || node.isNull()) {
            return "16:9";
        }
        String text = node.isTextual() ? node.asText() : node.toString();
        if (!ASPECT_RATIOS.contains(text)) {
            problems.add(field + ": '" + text + "' is not supported; use 16:9, 9:16, 1:1, 4:3 or 3:4");
            return null;
        }
        return text;
    }

    private static long integer(JsonNode node, String field, long min, long max, long dflt, List<String> problems) {
        if (node == null || node.isNull()) {
            return dflt;
        }
        if (!node.isIntegralNumber()) {
            problems.add(field + ": " + node + " is not allowed; use an integer from " + min + " to " + max);
            return dflt;
        }
        if (!node.canConvertToLong() || node.asLong() < min || node.asLong() > max) {
            problems.add(field + ": " + node + " is not allowed; use an integer from " + min + " to " + max);
            return dflt;
        }
        return node.asLong();
    }
}
