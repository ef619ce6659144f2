package org.handout.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bytes of every leaflet never depend on the machine: the whole matrix built in fresh JVMs
 * under locales and a time zone that change how a JDK formats (Thai, with its Buddhist calendar;
 * Egyptian Arabic, with Arabic-Indic digits; Japanese with the Japanese imperial calendar; Turkish,
 * whose capital I lower-cases to ı; a time zone eleven hours behind UTC) gives the same files, byte
 * for byte, as a build in the root locale and UTC.
 */
class MachineIndependentBytesTest {
    @TempDir
    Path dir;

    private static Map<String, String> build(Path root, Path out, String... settings) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Djava.awt.headless=true", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(List.of(settings));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.handout.cli.Main", "build", "--root", root.toString(),
                "--out", out.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the build under " + List.of(settings) + " did not finish");
        assertEquals(0, p.exitValue(), List.of(settings) + "\n" + said);
        return org.handout.testing.Outputs.hashes(out);
    }

    @Test
    void everyLeafletHasTheSameBytesWhateverTheMachinesLocaleCalendarOrTimeZone() throws Exception {
        Path root = TestProject.REAL;
        Map<String, String> reference = build(root, dir.resolve("root"), "-Duser.language=", "-Duser.country=", "-Duser.timezone=UTC");
        assertEquals(org.handout.testing.TestProject.PDF_COUNT, reference.size());
        String[][] machines = {
            {"-Duser.language=th", "-Duser.country=TH"},
            {"-Duser.language=ar", "-Duser.country=EG"},
            {"-Duser.language=ja", "-Duser.country=JP", "-Duser.variant=JP", "-Djava.locale.useOldISOCodes=false"},
            {"-Duser.language=tr", "-Duser.country=TR"},
            {"-Duser.language=en", "-Duser.country=US", "-Duser.timezone=America/Adak"},
        };
        for (String[] machine : machines) {
            Map<String, String> got = build(root, dir.resolve(String.join("", machine).replaceAll("[^A-Za-z]", "")), machine);
            List<String> differ = new ArrayList<>();
            reference.forEach((f, h) -> {
                if (!h.equals(got.get(f))) {
                    differ.add(f);
                }
            });
            assertEquals(List.of(), differ, "built under " + List.of(machine) + ", these PDFs differ from the root locale's");
            assertEquals(reference.keySet(), got.keySet());
        }
    }
}
