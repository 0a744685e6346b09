package io.jenkins.plugins.happyhorse.reliability.inputs;

import java.util.List;

/**
 * What a user typed for one render, as text, the same for the engine's API and the command line:
 * null means "not given" (the default applies), except for {@code key}, where null means no key
 * at all. {@code output} null means the test's own output path.
 *
 * @param images image paths or URLs
 * @param prompt the prompt
 * @param resolution e.g. 720p
 * @param aspectRatio e.g. 16:9
 * @param duration seconds, as typed
 * @param seed as typed
 * @param provider wavespeed or atlascloud
 * @param model the model id
 * @param key the API key
 * @param maxCost USD, as typed
 * @param output the clip's path
 * @param watermark whether the host is to mark the clip (null: not given)
 */
record Input(
        List<String> images,
        String prompt,
        String resolution,
        String aspectRatio,
        String duration,
        String seed,
        String provider,
        String model,
        String key,
        String maxCost,
        String output,
        Boolean watermark) {

    /** A valid request for {@code picture} with {@code key}: 3 s at 720p 16:9 on WaveSpeed. */
    static Input valid(String picture, String key) {
        return new Input(
                List.of(picture),
                "A horse gallops along a beach at sunset",
                null,
                null,
                "3",
                "7",
                "wavespeed",
                null,
                key,
                null,
                null,
                null);
    }

    Input images(List<String> v) {
        return new Input(
                v, prompt, resolution, aspectRatio, duration, seed, provider, model, key, maxCost, output, watermark);
    }

    Input image(String v) {
        return images(List.of(v));
    }

    Input prompt(String v) {
        return new Input(
                images, v, resolution, aspectRatio, duration, seed, provider, model, key, maxCost, output, watermark);
    }

    Input resolution(String v) {
        return new Input(
                images, prompt, v, aspectRatio, duration, seed, provider, model, key, maxCost, output, watermark);
    }

    Input aspectRatio(String v) {
        return new Input(
                images, prompt, resolution, v, duration, seed, provider, model, key, maxCost, output, watermark);
    }

    Input duration(String v) {
        return new Input(
                images, prompt, resolution, aspectRatio, v, seed, provider, model, key, maxCost, output, watermark);
    }

    Input seed(String v) {
        return new Input(
                images, prompt, resolution, aspectRatio, duration, v, provider, model, key, maxCost, output, watermark);
    }

    Input provider(String v) {
        return new Input(
                images, prompt, resolution, aspectRatio, duration, seed, v, model, key, maxCost, output, watermark);
    }

    Input model(String v) {
        return new Input(
                images, prompt, resolution, aspectRatio, duration, seed, provider, v, key, maxCost, output, watermark);
    }

    Input key(String v) {
        return new Input(
                images,
                prompt,
                resolution,
                aspectRatio,
                duration,
                seed,
                provider,
                model,
                v,
                maxCost,
                output,
                watermark);
    }

    Input maxCost(String v) {
        return new Input(
                images, prompt, resolution, aspectRatio, duration, seed, provider, model, key, v, output, watermark);
    }

    Input output(String v) {
        return new Input(
                images, prompt, resolution, aspectRatio, duration, seed, provider, model, key, maxCost, v, watermark);
    }

    Input watermark(Boolean v) {
        return new Input(
                images, prompt, resolution, aspectRatio, duration, seed, provider, model, key, maxCost, output, v);
    }
}
