package org.handout.i18n;

import com.ibm.icu.util.ULocale;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.handout.content.Content;
import org.handout.content.Message;

/**
 * The messages of one language, by key, each an ICU MessageFormat pattern with its location.
 * The English source is a bundle too, made from {@code content/}, with no translation info.
 */
public record Bundle(String tag, String file, Optional<Translation> translation, Map<String, Message> messages) {

    /** The language of the source text. */
    public static final String SOURCE_TAG = "en";

    public Bundle {
        messages = Collections.unmodifiableMap(new LinkedHashMap<>(messages));
    }

    /** The English bundle: every string of the content, as written. */
    public static Bundle source(Content content) {
        return new Bundle(SOURCE_TAG, "content", Optional.empty(), content.texts());
    }

    public ULocale locale() {
        return ULocale.forLanguageTag(tag);
    }

    public boolean isSource() {
        return translation.isEmpty();
    }

    /** The message for a key, if the bundle has it. */
    public Optional<Message> message(String key) {
        return Optional.ofNullable(messages.get(key));
    }
}
