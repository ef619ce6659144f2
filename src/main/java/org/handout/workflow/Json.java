package org.handout.workflow;

import java.util.List;
import java.util.Map;
import org.handout.report.Problem;

/** The little JSON handout writes for tools: problems and the status table. Keys keep their order. */
public final class Json {
    private Json() {
    }

    /** A JSON string literal. */
    public static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** One problem as a JSON object: severity, file, line, column, key, message, hint and its details. */
    public static String problem(Problem p) {
        StringBuilder b = new StringBuilder("{");
        b.append("\"severity\": ").append(string(p.severity().word()));
        b.append(", \"file\": ").append(string(p.file()));
        b.append(", \"line\": ").append(p.line());
        b.append(", \"column\": ").append(p.column());
        b.append(", \"key\": ").append(string(p.key()));
        b.append(", \"message\": ").append(string(p.message()));
        b.append(", \"hint\": ").append(string(p.hint()));
        b.append(", \"kind\": ").append(string(p.kind().word()));
        for (Map.Entry<String, String> d : p.details().entrySet()) {
            b.append(", ").append(string(d.getKey())).append(": ").append(string(d.getValue()));
        }
        return b.append('}').toString();
    }

    /** {@code {"problems": [...], "errors": n, "warnings": m}}. */
    public static String problems(List<Problem> problems) {
        StringBuilder b = new StringBuilder("{");
        appendProblems(b, problems);
        return b.append("\n}\n").toString();
    }

    /** {@code "problems": [...], "errors": N, "warnings": N} as the last members of an object being written. */
    private static void appendProblems(StringBuilder b, List<Problem> problems) {
        b.append("\n  \"problems\": [");
        for (int i = 0; i < problems.size(); i++) {
            b.append(i == 0 ? "\n    " : ",\n    ").append(problem(problems.get(i)));
        }
        long errors = problems.stream().filter(Problem::isError).count();
        b.append(problems.isEmpty() ? "]" : "\n  ]");
        b.append(",\n  \"errors\": ").append(errors);
        b.append(",\n  \"warnings\": ").append(problems.size() - errors);
    }

    /**
     * What an import did ({@code schemas/import-report.schema.json}): the file and its format, the
     * bundle's language (null when the file was refused whole), the keys updated, stale and
     * rejected, how many were unchanged, and every problem.
     */
    public static String importReport(String file, String format, java.util.Optional<Xliff.Imported> imported, List<Problem> problems) {
        StringBuilder b = new StringBuilder("{\n  \"file\": ").append(string(file)).append(",\n  \"format\": ").append(string(format));
        b.append(",\n  \"language\": ").append(imported.map(i -> string(i.tag())).orElse("null"));
        b.append(",\n  \"imported\": ").append(imported.isPresent());
        for (String list : List.of("updated", "stale", "rejected")) {
            List<String> keys = imported.map(i -> switch (list) {
                case "updated" -> i.updated();
                case "stale" -> i.stale();
                default -> i.rejected();
            }).orElse(List.of());
            b.append(",\n  ").append(string(list)).append(": [");
            for (int k = 0; k < keys.size(); k++) {
                b.append(k == 0 ? "" : ", ").append(string(keys.get(k)));
            }
            b.append(']');
        }
        b.append(",\n  \"unchanged\": ").append(imported.map(i -> i.unchanged().size()).orElse(0)).append(',');
        appendProblems(b, problems);
        return b.append("\n}\n").toString();
    }
}
