package io.jenkins.plugins.happyhorse.acceptance.pages;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The plugin's global configuration (Manage Jenkins » System » HappyHorse render), set through
 * the script console by its Configuration as Code symbol ({@code happyHorse}) and property
 * names, the plugin's documented configuration contract, rather than by its class.
 */
public final class HappyHorseSettings {
    private final ScriptConsole console;
    private final Map<String, Object> values = new LinkedHashMap<>();

    public HappyHorseSettings(ScriptConsole console) {
        this.console = console;
    }

    /** A property to set, by its documented name ({@code waveSpeedBaseUrl}, {@code maxConcurrentRenders}, ...). */
    public HappyHorseSettings set(String property, Object value) {
        values.put(property, value);
        return this;
    }

    /** Sets the properties given since the last call and saves. */
    public void apply() {
        String assignments = values.entrySet().stream()
                .map(e -> "config." + e.getKey() + " = " + groovy(e.getValue()))
                .collect(Collectors.joining("\n"));
        console.run(
                """
                import jenkins.model.GlobalConfiguration
                import org.jenkinsci.plugins.structs.SymbolLookup

                def config = SymbolLookup.get().find(GlobalConfiguration, 'happyHorse')
                if (config == null) { throw new IllegalStateException('no global configuration with the symbol happyHorse') }
                %s
                config.save()
                """
                        .formatted(assignments));
        values.clear();
    }

    /** The value of a property now, as text. */
    public String get(String property) {
        return console.run(
                        """
                        import jenkins.model.GlobalConfiguration
                        import org.jenkinsci.plugins.structs.SymbolLookup

                        print SymbolLookup.get().find(GlobalConfiguration, 'happyHorse').%s
                        """
                                .formatted(property))
                .trim();
    }

    private static String groovy(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return ScriptConsole.literal(value.toString());
    }
}
