package io.jenkins.plugins.happyhorse.simulator;

/** The hosts the simulator plays. */
public enum Host {
    /** WaveSpeed ({@code https://api.wavespeed.ai}). */
    WAVESPEED("wavespeed"),
    /** Atlas Cloud ({@code https://api.atlascloud.ai/api/v1}). */
    ATLASCLOUD("atlascloud"),
    /** Alibaba Model Studio, also called DashScope ({@code https://dashscope-intl.aliyuncs.com/api/v1}). */
    MODELSTUDIO("modelstudio");

    private final String id;

    Host(String id) {
        this.id = id;
    }

    /** The lower-case name the project uses for the host ({@code wavespeed}, {@code atlascloud}, {@code modelstudio}). */
    public String id() {
        return id;
    }

    /** The host named {@code id} ({@code wavespeed}, {@code atlascloud} or {@code modelstudio}, any case). */
    public static java.util.Optional<Host> parse(String id) {
        for (Host h : values()) {
            if (h.id.equalsIgnoreCase(id == null ? "" : id.strip())) {
                return java.util.Optional.of(h);
            }
        }
        return java.util.Optional.empty();
    }
}
