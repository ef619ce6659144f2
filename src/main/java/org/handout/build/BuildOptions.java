package org.handout.build;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.handout.layout.Align;
import org.handout.layout.Paper;

/**
 * What to build: language tags and leaflet ids (empty means all), the output folder, the paper
 * (empty: each language's custom, from its locale and {@code region}), the country the leaflets
 * are printed in (empty: the language's likeliest), ragged or justified body text, and whether
 * a leaflet whose translation has gaps (missing, not translated, out of date) is built anyway
 * as a marked draft rather than held back.
 */
public record BuildOptions(List<String> languages, List<String> leaflets, Path output, Optional<Paper> paper,
                           Optional<String> region, Align align, boolean draft) {
    public BuildOptions {
        languages = List.copyOf(languages);
        leaflets = List.copyOf(leaflets);
    }

    /** Paper from each language's locale, ragged text. */
    public BuildOptions(List<String> languages, List<String> leaflets, Path output) {
        this(languages, leaflets, output, Optional.empty(), Optional.empty(), Align.START, false);
    }
}
