package org.handout.i18n;

import com.ibm.icu.util.ULocale;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.handout.content.Content;
import org.handout.content.Message;

/**
 * The messages of one language, by key, each an ICU MessageFormat pattern with its location, and
 * for each entry of a translation where it came from (the English it was translated from, its
 * state, a note). A message not translated yet has an origin but no message. The English source
 * is a bundle too, made from {@code content/}, with no translation info and no origins.
 */
public record Bundle(String tag, String file, Optional<Translation> translation, Map<String, Message> messages,
                     Map<String, Origin> origins) {

    /** The language of the source text. */
    public static final String SOURCE_TAG = "en";

    public Bundle {
        messages = Collections.unmodifiableMap(new LinkedHashMap<>(messages));
        origins = Collections.unmodifiableMap(new LinkedHashMap<>(origins));
    }

    /** The English bundle: every string of the content, as written. */
    public static Bundle source(Content content) {
        return new Bundle(SOURCE_TAG, "content", Optional.empty(), content.texts(), Map.of());
    }

    public ULocale locale() {
        return ULocale.forLanguageTag(tag);
    }

    public boolean isSource() {
        return translation.isEmpty();
    }

    /** Where the entry for a key came from, if the bundle has an entry for it. */
    public Optional<Origin> origin(String key) {
        return Optional.ofNullable(origins.get(key));
    }

    /** The message for a key, if the bundle has it. */
    public Optional<Message> message(String key) {
        return Optional.ofNullable(messages.get(key));
    }
}
