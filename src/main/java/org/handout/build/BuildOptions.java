package org.handout.build;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.handout.layout.Align;
import org.handout.layout.Paper;

/**
 * What to build: language tags and leaflet ids (empty means all), the output folder, the paper
 * (empty: each language's custom, from its locale and {@code region}), the country the leaflets
 * are printed in (empty: the language's likeliest), ragged or justified body text, whether a
 * leaflet whose translation has gaps is built anyway as a marked draft, how many leaflets to build
 * at once ({@code jobs}; 0 means one per processor), whether to rebuild PDFs that are up to date
 * ({@code force}), which shard of the matrix this run builds, and the clinic profile of a clinic's
 * edition (its PDFs go to {@code <out>/<clinic>/<lang>/<leaflet>.pdf}).
 */
public record BuildOptions(List<String> languages, List<String> leaflets, Path output, Optional<Paper> paper,
                           Optional<String> region, Align align, boolean draft, int jobs, boolean force, Shard shard,
                           Optional<Path> clinic) {
    public BuildOptions {
        languages = List.copyOf(languages);
        leaflets = List.copyOf(leaflets);
    }

    /** One of {@code count} disjoint parts of the matrix (1 of 1: all of it). */
    public record Shard(int index, int count) {
        public static final Shard ALL = new Shard(1, 1);

        public Shard {
            if (count < 1 || index < 1 || index > count) {
                throw new IllegalArgumentException("a shard is K/N with 1 <= K <= N, not " + index + "/" + count);
            }
        }

        /**
         * Whether this shard builds {@code tag/leaflet}: each PDF belongs to exactly one shard, chosen
         * by a hash of its path, so the split stays put when languages or leaflets are added.
         */
        public boolean includes(String tag, String leaflet) {
            if (count == 1) {
                return true;
            }
            byte[] h = Inputs.sha256((tag + "/" + leaflet).getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 8)
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            long v = Long.parseLong(new String(h, java.nio.charset.StandardCharsets.US_ASCII), 16);
            return v % count == index - 1;
        }

        /** "K/N" as written on the command line. */
        public static Optional<Shard> parse(String s) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,4})/(\\d{1,4})").matcher(s.strip());
            if (!m.matches()) {
                return Optional.empty();
            }
            int k = Integer.parseInt(m.group(1));
            int n = Integer.parseInt(m.group(2));
            return n >= 1 && k >= 1 && k <= n ? Optional.of(new Shard(k, n)) : Optional.empty();
        }
    }

    /** Paper from each language's locale, ragged text, all processors, incremental, the whole matrix. */
    public BuildOptions(List<String> languages, List<String> leaflets, Path output) {
        this(languages, leaflets, output, Optional.empty(), Optional.empty(), Align.START, false, 0, false, Shard.ALL, Optional.empty());
    }

    public BuildOptions(List<String> languages, List<String> leaflets, Path output, Optional<Paper> paper,
                        Optional<String> region, Align align, boolean draft) {
        this(languages, leaflets, output, paper, region, align, draft, 0, false, Shard.ALL, Optional.empty());
    }

    public BuildOptions withJobs(int n) {
        return new BuildOptions(languages, leaflets, output, paper, region, align, draft, n, force, shard, clinic);
    }

    public BuildOptions withForce(boolean f) {
        return new BuildOptions(languages, leaflets, output, paper, region, align, draft, jobs, f, shard, clinic);
    }

    public BuildOptions withShard(Shard s) {
        return new BuildOptions(languages, leaflets, output, paper, region, align, draft, jobs, force, s, clinic);
    }

    public BuildOptions withClinic(Optional<Path> profile) {
        return new BuildOptions(languages, leaflets, output, paper, region, align, draft, jobs, force, shard, profile);
    }

    /** The same with {@code r} as the region whose paper every language takes (a clinic's country). */
    public BuildOptions withRegion(Optional<String> r) {
        return new BuildOptions(languages, leaflets, output, paper, r, align, draft, jobs, force, shard, clinic);
    }

    public BuildOptions withLanguages(List<String> tags) {
        return new BuildOptions(tags, leaflets, output, paper, region, align, draft, jobs, force, shard, clinic);
    }

    public BuildOptions withOutput(Path out) {
        return new BuildOptions(languages, leaflets, out, paper, region, align, draft, jobs, force, shard, clinic);
    }

    /** Options built one by one, as a command line is read: everything not set is the default. */
    public static Builder builder(Path output) {
        return new Builder(output);
    }

    /** A builder of {@link BuildOptions}; unset means the defaults of {@link #BuildOptions(List, List, Path)}. */
    public static final class Builder {
        private List<String> languages = List.of();
        private List<String> leaflets = List.of();
        private final Path output;
        private Optional<Paper> paper = Optional.empty();
        private Optional<String> region = Optional.empty();
        private Align align = Align.START;
        private boolean draft;
        private int jobs;
        private boolean force;
        private Shard shard = Shard.ALL;
        private Optional<Path> clinic = Optional.empty();

        private Builder(Path output) {
            this.output = output;
        }

        public Builder languages(List<String> v) {
            languages = v;
            return this;
        }

        public Builder leaflets(List<String> v) {
            leaflets = v;
            return this;
        }

        public Builder paper(Optional<Paper> v) {
            paper = v;
            return this;
        }

        public Builder region(Optional<String> v) {
            region = v;
            return this;
        }

        public Builder align(Align v) {
            align = v;
            return this;
        }

        public Builder draft(boolean v) {
            draft = v;
            return this;
        }

        public Builder jobs(int v) {
            jobs = v;
            return this;
        }

        public Builder force(boolean v) {
            force = v;
            return this;
        }

        public Builder shard(Shard v) {
            shard = v;
            return this;
        }

        public Builder clinic(Optional<Path> v) {
            clinic = v;
            return this;
        }

        public BuildOptions build() {
            return new BuildOptions(languages, leaflets, output, paper, region, align, draft, jobs, force, shard, clinic);
        }
    }
}
