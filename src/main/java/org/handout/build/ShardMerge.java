package org.handout.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.handout.report.Problem;
import org.handout.report.Problems;

/**
 * {@code handout merge}: the output folders of a CI matrix's shards ({@code build --shard K/N},
 * one runner each) made into one, as a single build would have written it: every PDF copied in,
 * the manifests merged (the national edition's and each clinic edition's, {@code clinics/<id>/}).
 * Nothing is trusted: a shard whose manifest cannot be read, a PDF whose bytes are not the ones its
 * manifest describes, or one path claimed by two shards with different bytes stops the merge before
 * anything is written. The target is written under its folder's lock, each file whole.
 */
public final class ShardMerge {
    private ShardMerge() {
    }

    /** The edition folders of an output folder, relative to it: "" and {@code clinics/<id>} for each clinic edition it has. */
    static List<String> editions(Path output) throws IOException {
        List<String> out = new ArrayList<>(List.of(""));
        Path clinics = output.resolve("clinics");
        if (Files.isDirectory(clinics)) {
            try (Stream<Path> s = Files.list(clinics)) {
                s.filter(d -> Files.isRegularFile(d.resolve("manifest.json"))).sorted()
                        .forEach(d -> out.add("clinics/" + d.getFileName()));
            }
        }
        return out;
    }

    /** Merges {@code shards} into {@code target}; the problems say what stopped it (nothing is written then). */
    public static BuildReport merge(List<Path> shards, Path target) {
        Problems problems = new Problems();
        // edition -> path -> (entry, the file it was read from)
        Map<String, Map<String, Manifest.Entry>> entries = new LinkedHashMap<>();
        Map<String, Map<String, Path>> files = new LinkedHashMap<>();
        TreeSet<String> editions = new TreeSet<>();
        for (Path shard : shards) {
            if (!Files.isRegularFile(shard.resolve("manifest.json"))) {
                problems.add(Problem.error(shard.toString(), 0, 0, "", "not a build's output folder: it has no manifest.json"));
                continue;
            }
            try {
                editions.addAll(editions(shard));
            } catch (IOException e) {
                problems.add(Problem.error(shard.toString(), 0, 0, "", "cannot be read: " + e.getMessage()));
            }
        }
        for (String edition : editions) {
            for (Path shard : shards) {
                Path dir = edition.isEmpty() ? shard : shard.resolve(edition);
                if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
                    continue;
                }
                Manifest m = Manifest.read(dir);
                if (!m.unreadable().isEmpty()) {
                    problems.add(Problem.error(dir.resolve("manifest.json").toString(), 0, 0, "", "cannot be read: " + m.unreadable()));
                    continue;
                }
                for (Manifest.Entry e : m.entries()) {
                    Path pdf = dir.resolve(e.path());
                    String where = dir.resolve(e.path()).toString();
                    try {
                        byte[] bytes = Files.readAllBytes(pdf);
                        if (bytes.length != e.bytes() || !Inputs.sha256(bytes).equals(e.sha256())) {
                            problems.add(Problem.error(where, 0, 0, "", "its bytes are not the ones its shard's manifest describes"));
                            continue;
                        }
                    } catch (IOException ex) {
                        problems.add(Problem.error(where, 0, 0, "", "its shard's manifest lists it, but it cannot be read: " + ex.getMessage()));
                        continue;
                    }
                    Manifest.Entry before = entries.computeIfAbsent(edition, k -> new LinkedHashMap<>()).putIfAbsent(e.path(), e);
                    if (before != null && !before.sha256().equals(e.sha256())) {
                        problems.add(Problem.error(where, 0, 0, "", "two shards made " + (edition.isEmpty() ? "" : edition + "/") + e.path()
                                + " with different bytes (" + files.get(edition).get(e.path()) + ")")
                                .withHint("each PDF belongs to one shard: were the shards built from the same commit, with the same --shard N?"));
                    } else if (before == null) {
                        files.computeIfAbsent(edition, k -> new LinkedHashMap<>()).put(e.path(), pdf);
                    }
                }
            }
        }
        if (problems.hasErrors()) {
            return new BuildReport(List.of(), Map.of(), problems.sorted(), false);
        }
        List<Path> written = new ArrayList<>();
        for (String edition : editions) {
            Path out = edition.isEmpty() ? target : target.resolve(edition);
            BuildReport r = OutputFolder.locked(out, () -> {
                Manifest merged = Manifest.read(out);
                List<Path> mine = new ArrayList<>();
                Problems p = new Problems();
                for (Map.Entry<String, Manifest.Entry> e : entries.getOrDefault(edition, Map.of()).entrySet()) {
                    try {
                        Path to = out.resolve(e.getKey());
                        OutputFolder.writeAtomically(to, Files.readAllBytes(files.get(edition).get(e.getKey())));
                        merged.put(e.getValue());
                        mine.add(to);
                    } catch (IOException ex) {
                        p.add(Problem.error(out.resolve(e.getKey()).toString(), 0, 0, "", "cannot write: " + ex.getMessage()));
                    }
                }
                try {
                    merged.write(out, "handout " + Workspace.version());
                } catch (IOException ex) {
                    p.add(Problem.error(out.resolve("manifest.json").toString(), 0, 0, "", "cannot write: " + ex.getMessage()));
                }
                return new BuildReport(mine, Map.of(), p.sorted(), false);
            });
            written.addAll(r.written());
            r.problems().forEach(problems::add);
        }
        return new BuildReport(written, Map.of(), problems.sorted(), false);
    }
}
