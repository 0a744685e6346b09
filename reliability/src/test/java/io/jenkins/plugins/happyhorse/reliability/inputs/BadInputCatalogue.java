package io.jenkins.plugins.happyhorse.reliability.inputs;

import io.jenkins.plugins.happyhorse.client.error.AuthenticationException;
import io.jenkins.plugins.happyhorse.client.error.CostLimitExceededException;
import io.jenkins.plugins.happyhorse.client.error.InsufficientBalanceException;
import java.util.ArrayList;
import java.util.List;

/** Every row of the bad-input matrix. */
final class BadInputCatalogue {
    static final List<String> IMAGE = List.of("image");
    static final String FILE_ALLOWED = "png, jpeg or webp";
    static final String URL_ALLOWED = "https";

    private BadInputCatalogue() {}

    static List<BadInput> all(Fixtures f, String key) {
        Input ok = Input.valid(f.picture.toString(), key);
        List<BadInput> c = new ArrayList<>();

        // ---- how many images ------------------------------------------------------------------
        c.add(new BadInput("no image", ok.images(List.of()), IMAGE, "(none)", "1 to 9"));
        List<String> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(f.picture.toString());
        }
        c.add(new BadInput("10 images", ok.images(ten), IMAGE, "10", "1 to 9"));
        List<String> twenty = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            twenty.add("https://images.example.com/" + i + ".png");
        }
        c.add(new BadInput("20 image URLs", ok.images(twenty), IMAGE, "20", "1 to 9"));

        // ---- image files -----------------------------------------------------------------------
        c.add(file("missing file", ok, f.dir.resolve("missing.png").toString(), "not found"));
        BadInput unreadable = file("unreadable file (chmod 000)", ok, f.unreadable.toString(), "readable");
        if (!f.permissionsEnforced) {
            unreadable.notTestable("the tests run as root (or without POSIX permissions), so chmod 000 does not stop"
                    + " reading; the engine checks Files.isReadable, which root always passes");
        }
        c.add(unreadable);
        c.add(file("empty file", ok, f.empty.toString(), "empty"));
        c.add(file("21 MB file", ok, f.huge.toString(), "20 MB"));
        c.add(file("20 MB + 1 byte", ok, f.justOver.toString(), "20 MB"));
        c.add(file("directory", ok, f.folder.toString(), "directory"));
        c.add(file("text file named .png", ok, f.text.toString(), FILE_ALLOWED));
        c.add(file("GIF named .png", ok, f.gif.toString(), FILE_ALLOWED));
        c.add(file("HTML named .jpg", ok, f.html.toString(), FILE_ALLOWED));
        c.add(file("MP4 named .png", ok, f.mp4.toString(), FILE_ALLOWED));
        c.add(file("PDF named .webp", ok, f.pdf.toString(), FILE_ALLOWED));
        c.add(file("symlink to a text file", ok, f.linkToText.toString(), FILE_ALLOWED));
        c.add(file("dangling symlink", ok, f.dangling.toString(), "not found"));
        c.add(file("symlink to a directory", ok, f.linkToDir.toString(), "directory"));
        if (f.fifo != null) {
            c.add(file("named pipe", ok, f.fifo.toString(), "regular file"));
        }
        c.add(file("device file /dev/null", ok, "/dev/null", "regular file"));
        c.add(file("blank path", ok, "   ", "no image"));
        c.add(file("path with a NUL character", ok, f.dir + "/a\u0000b.png", "valid file path"));

        // ---- image URLs ------------------------------------------------------------------------
        c.add(url("http URL", ok, "http://images.example.com/a.png"));
        c.add(url("ftp URL", ok, "ftp://images.example.com/a.png"));
        c.add(url("file URL", ok, "file:///etc/passwd"));
        c.add(url("data URL", ok, "data:image/png;base64,iVBORw0KGgo="));
        c.add(url("javascript URL", ok, "javascript:alert(1)"));
        c.add(url("https URL without a host", ok, "https:///a.png"));
        // Refused, and shown without its password.
        c.add(new BadInput(
                "https URL with a password",
                ok.image("https://user:secret@images.example.com/a.png"),
                IMAGE,
                "https://***@images.example.com/a.png",
                URL_ALLOWED));
        c.add(url("https URL with spaces", ok, "https://images.example.com/a b.png"));
        String longUrl = "https://images.example.com/" + "a".repeat(2100) + ".png";
        c.add(new BadInput("URL of 2,100 characters", ok.image(longUrl), IMAGE, ends(longUrl), "2,048"));

        // ---- parameters ------------------------------------------------------------------------
        c.add(param("resolution 480p", ok.resolution("480p"), "resolution", "480p", "720p or 1080p"));
        c.add(param("resolution 4k", ok.resolution("4k"), "resolution", "4k", "720p or 1080p"));
        c.add(param("resolution empty", ok.resolution(""), "resolution", "(empty)", "720p or 1080p"));
        c.add(param("aspect ratio 21:9", ok.aspectRatio("21:9"), "aspect", "21:9", "16:9"));
        c.add(param("aspect ratio 16x9", ok.aspectRatio("16x9"), "aspect", "16x9", "16:9"));
        c.add(param("aspect ratio 0:0", ok.aspectRatio("0:0"), "aspect", "0:0", "16:9"));
        for (String d : new String[] {"2", "16", "0", "-1", "600"}) {
            c.add(param("duration " + d, ok.duration(d), "duration", d, "3 to 15"));
        }
        c.add(param("duration 2.5", ok.duration("2.5"), "duration", "2.5", "3 to 15")
                .cliOnly());
        c.add(param("duration abc", ok.duration("abc"), "duration", "abc", "3 to 15")
                .cliOnly());
        c.add(param("seed -1", ok.seed("-1"), "seed", "-1", "2147483647"));
        c.add(param("seed 2^31", ok.seed("2147483648"), "seed", "2147483648", "2147483647"));
        c.add(param("seed 2^63-1", ok.seed("9223372036854775807"), "seed", "9223372036854775807", "2147483647"));
        c.add(param("seed 2^64", ok.seed("18446744073709551616"), "seed", "18446744073709551616", "2147483647")
                .cliOnly());
        c.add(param("provider unknown", ok.provider("openai"), "provider", "openai", "wavespeed"));
        c.add(param("provider empty", ok.provider(""), "provider", "(empty)", "wavespeed"));
        c.add(param(
                "model with capitals and spaces",
                ok.model("Alibaba/Happy Horse"),
                "model",
                "Alibaba/Happy Horse",
                "model id"));
        c.add(param("model with a path escape", ok.model("../../admin"), "model", "../../admin", "model id"));

        // ---- prompt ----------------------------------------------------------------------------
        c.add(param("empty prompt", ok.prompt(""), "prompt", "(empty)", "2,500"));
        c.add(param("blank prompt", ok.prompt("   \t  "), "prompt", "", "2,500"));
        c.add(param("no prompt", ok.prompt(null), "prompt", "(empty)", "2,500"));
        c.add(param("prompt of 2,501 characters", ok.prompt("h".repeat(2501)), "prompt", "hhhhhhhh", "2,500"));
        c.add(param(
                "prompt of 100,000 characters", ok.prompt("horse ".repeat(16_667)), "prompt", "horse horse", "2,500"));

        // ---- key, balance, cost ------------------------------------------------------------------
        // The command line reads the key from WAVESPEED_API_KEY / ATLASCLOUD_API_KEY / DASHSCOPE_API_KEY only.
        c.add(new BadInput("no key (variable unset)", ok.key(null), List.of("key"), "", "required")
                .engine(IllegalStateException.class)
                .cli(4, "export"));
        c.add(new BadInput("empty key (variable empty)", ok.key(""), List.of("key"), "", "empty")
                .engine(IllegalArgumentException.class)
                .cli(4, "export"));
        c.add(new BadInput("blank key (variable blank)", ok.key("   "), List.of("key"), "", "empty")
                .engine(IllegalArgumentException.class)
                .cli(4, "export"));
        c.add(new BadInput("invalid key (401)", ok.key("sk-not-the-right-key"), List.of("key"), "401", "valid")
                .reachesHost(AuthenticationException.class)
                .cli(4, null));
        c.add(new BadInput("empty balance (402)", ok, List.of("credit"), "402", "Top up")
                .reachesHost(InsufficientBalanceException.class)
                .emptyBalance()
                .cli(4, null));
        c.add(new BadInput(
                        "cost limit below the estimate",
                        ok.maxCost("0.10"),
                        List.of("cost", "limit"),
                        "0.42",
                        "cost limit")
                .engine(CostLimitExceededException.class)
                .cli(3, null));
        c.add(new BadInput("negative cost limit", ok.maxCost("-1"), List.of("cost"), "-1", "zero or more")
                .engine(IllegalArgumentException.class));

        // ---- output ----------------------------------------------------------------------------
        c.add(new BadInput(
                "output is an existing folder",
                ok.output(f.emptyDir.toString()),
                List.of("output", "--out"),
                ends(f.emptyDir.toString()),
                "file"));
        c.add(new BadInput(
                        "output folder cannot be created",
                        ok.output(f.blocker.resolve("clip.mp4").toString()),
                        List.of("output", "--out"),
                        "blocker",
                        "directory")
                .cli(2, "in a folder that can be written to"));

        // ---- Model Studio, and what only it accepts (--model, --watermark) ------------------------
        Input ms = Input.valid(f.reference.toString(), key).provider("modelstudio");
        c.add(new BadInput(
                        "Model Studio: picture under 400 px on its short side",
                        ms.image(f.smallPicture.toString()),
                        IMAGE,
                        ends(f.smallPicture.toString()),
                        "400 px")
                .cli(2, null));
        c.add(new BadInput(
                        "Model Studio: picture of 11 MB (over its 10 MB)",
                        ms.image(f.elevenMegabytes.toString()),
                        IMAGE,
                        ends(f.elevenMegabytes.toString()),
                        "10 MB")
                .cli(2, null));
        c.add(param(
                        "Model Studio: a reseller's model",
                        ms.model("alibaba/happyhorse-1.0/reference-to-video"),
                        "model",
                        "alibaba/happyhorse-1.0/reference-to-video",
                        "happyhorse-1.0-r2v")
                .cli(2, null));
        c.add(param(
                        "Model Studio: a text-to-video model",
                        ms.model("happyhorse-1.0-t2v"),
                        "model",
                        "happyhorse-1.0-t2v",
                        "reference-to-video")
                .cli(2, null));
        c.add(param(
                        "WaveSpeed: Model Studio's model",
                        ok.model("happyhorse-1.0-r2v"),
                        "model",
                        "happyhorse-1.0-r2v",
                        "alibaba/happyhorse-1.0/reference-to-video")
                .cli(2, null));
        c.add(param("watermark on WaveSpeed", ok.watermark(true), "watermark", "true", "true only on modelstudio")
                .cli(2, null));
        c.add(param(
                        "watermark on Atlas Cloud",
                        ok.provider("atlascloud").watermark(true),
                        "watermark",
                        "true",
                        "true only on modelstudio")
                .cli(2, null));
        c.add(new BadInput(
                        "Model Studio: invalid key (401)",
                        ms.key("sk-not-the-right-key"),
                        List.of("key"),
                        "InvalidApiKey",
                        "another region or workspace")
                .reachesHost(AuthenticationException.class)
                .cli(4, null));
        c.add(new BadInput(
                        "Model Studio: a key of another region (401)",
                        ms.key(io.jenkins.plugins.happyhorse.reliability.support.Rig.OTHER_REGION_KEY),
                        List.of("key"),
                        "InvalidApiKey",
                        "another region or workspace")
                .reachesHost(AuthenticationException.class)
                .cli(4, null));
        c.add(new BadInput(
                        "Model Studio: empty balance (400 Arrearage)",
                        ms.image("https://images.example.com/horse.png"),
                        List.of("arrears"),
                        "Arrearage",
                        "Top up")
                .reachesHost(InsufficientBalanceException.class)
                .emptyBalance()
                .cli(4, null));

        // ---- all at once -------------------------------------------------------------------------
        c.add(new BadInput(
                "everything wrong at once",
                ok.images(List.of("ftp://x/a.png", f.text.toString()))
                        .prompt("")
                        .resolution("8k")
                        .aspectRatio("2:1")
                        .duration("99")
                        .seed("-5"),
                List.of("images[0]", "--image #1"),
                "ftp://x/a.png",
                "https"));
        return c;
    }

    private static BadInput file(String name, Input ok, String path, String allowed) {
        return new BadInput(name, ok.image(path), IMAGE, path.isBlank() ? List.of("") : ends(path), allowed);
    }

    private static BadInput url(String name, Input ok, String url) {
        return new BadInput(name, ok.image(url), IMAGE, ends(url), URL_ALLOWED);
    }

    private static BadInput param(String name, Input input, String field, String value, String allowed) {
        return new BadInput(name, input, List.of(field), value, allowed);
    }

    /**
     * What a refusal must show of a value, however long the temporary folder's path is: its start
     * (where it is) and its file name (what it is), or the last characters of a name too long to
     * show whole. A refusal shortens a value longer than 60 characters in the middle.
     */
    private static List<String> ends(String value) {
        String name = value.substring(value.lastIndexOf('/') + 1);
        String end = name.length() <= 40 ? name : value.substring(value.length() - 8);
        return List.of(value.substring(0, Math.min(15, value.length())), end);
    }
}
