package org.handout.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.text.MessagePattern;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The web page's own bundles: the same keys and placeholders in every language, every key the code names present. */
class UiTest {
    private static TreeSet<String> arguments(String pattern) {
        MessagePattern mp = new MessagePattern(pattern);
        TreeSet<String> names = new TreeSet<>();
        for (int i = 0; i < mp.countParts(); i++) {
            MessagePattern.Part part = mp.getPart(i);
            if (part.getType() == MessagePattern.Part.Type.ARG_NAME) {
                names.add(mp.getSubstring(part));
            }
        }
        return names;
    }

    @Test
    void everyPageLanguageHasEveryEnglishKeyWithTheSamePlaceholders() {
        Map<String, String> en = Ui.bundle("en");
        for (String tag : Ui.LANGUAGES) {
            Map<String, String> other = Ui.bundle(tag);
            assertEquals(new TreeSet<>(en.keySet()), new TreeSet<>(other.keySet()), tag + ": keys");
            for (String key : en.keySet()) {
                assertEquals(arguments(en.get(key)), arguments(other.get(key)), tag + ": " + key);
            }
        }
    }

    @Test
    void everyKeyTheCodeNamesIsInTheEnglishBundle() throws Exception {
        Map<String, String> en = Ui.bundle("en");
        TreeSet<String> named = new TreeSet<>();
        for (String file : new String[] {"Views.java", "Server.java"}) {
            String code = Files.readString(Path.of("src/main/java/org/handout/serve", file));
            Matcher m = Pattern.compile("\\bt\\(\"([A-Za-z.]+)\"").matcher(code);
            while (m.find()) {
                if (!m.group(1).endsWith(".")) {
                    named.add(m.group(1));
                }
            }
        }
        for (Server.Why why : Server.Why.values()) {
            named.add("why." + why.name().toLowerCase(java.util.Locale.ROOT));
            named.add("todo." + why.name().toLowerCase(java.util.Locale.ROOT));
        }
        assertTrue(named.size() > 60, "the code was read: " + named.size());
        TreeSet<String> missing = new TreeSet<>(named);
        missing.removeAll(en.keySet());
        assertEquals(new TreeSet<>(), missing, "keys the code names that the bundle lacks");
    }

    @Test
    void thePageLanguageIsNegotiatedFromTheAddressThenTheBrowser() {
        assertEquals("es", Ui.negotiate(Optional.of("es"), "en").tag());
        assertEquals("es", Ui.negotiate(Optional.empty(), "es-419,es;q=0.9").tag());
        assertEquals("en", Ui.negotiate(Optional.of("xx"), "de,fr;q=0.8").tag(), "English when the page has none of them");
        assertEquals("en", Ui.negotiate(Optional.empty(), "not a ;; list").tag());
        assertEquals("Idiomas que coinciden: 3", Ui.of("es").t("home.found", "count", "3"));
        assertEquals("2 pages", Ui.of("en").t("preview.pages", "count", 2));
        assertEquals("1 página", Ui.of("es").t("preview.pages", "count", 1));
        assertEquals("Kreyòl ayisyen", Ui.ownName("ht"));
        assertEquals("Español", Ui.ownName("es"));
    }
}
