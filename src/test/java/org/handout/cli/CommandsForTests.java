package org.handout.cli;

import java.util.List;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.ParseException;

/** For tests outside this package: parses a command line as the tool does, failing on what the tool would refuse. */
public final class CommandsForTests {
    private CommandsForTests() {
    }

    public static void parse(String command, List<String> args) {
        Commands.Command c = Commands.ALL.get(command);
        if (c == null) {
            throw new AssertionError("no command " + command);
        }
        try {
            List<String> rest = DefaultParser.builder().setAllowPartialMatching(false).get().parse(c.parserOptions(), args.toArray(String[]::new))
                    .getArgList();
            if (rest.size() > c.maxArguments()) {
                throw new AssertionError(command + " takes at most " + c.maxArguments() + " arguments: " + args);
            }
        } catch (ParseException e) {
            throw new AssertionError(command + " " + String.join(" ", args) + ": " + e.getMessage(), e);
        }
    }
}
