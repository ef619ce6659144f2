package org.handout.build;

import java.nio.file.Path;
import java.util.List;

/**
 * What to build: language tags and leaflet ids (empty means all), and the output folder.
 */
public record BuildOptions(List<String> languages, List<String> leaflets, Path output) {
    public BuildOptions {
        languages = List.copyOf(languages);
        leaflets = List.copyOf(leaflets);
    }
}
