package io.jenkins.plugins.happyhorse.cli.command;

import java.util.Iterator;
import java.util.List;

/** The candidates for shell completion of {@code --region}: Model Studio's regions by name. */
final class Regions implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return List.of("singapore", "beijing").iterator();
    }
}
