package io.jenkins.plugins.happyhorse.acceptance.pages;

/** Escaping text for job XML. */
final class Xml {
    private Xml() {}

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
