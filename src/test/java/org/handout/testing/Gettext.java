package org.handout.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * GNU gettext's programs (msgfmt, msgcat, msgunfmt) run as a translator's machine runs them. The
 * tests that use them need them: a missing program fails the test, it is never skipped (CI
 * installs Debian's gettext).
 */
public final class Gettext {
    private Gettext() {
    }

    /** What a gettext program said (standard output and errors together) and returned. */
    public record Tool(int code, String output) {
    }

    /** Runs a GNU gettext program; fails the test when it is not installed. */
    public static Tool run(String... command) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail(command[0] + " (GNU gettext) is needed by this test and is not installed: apt-get install gettext (" + e.getMessage() + ")");
            throw e;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            return new Tool(process.waitFor(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
