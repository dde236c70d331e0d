package org.vrrpstudio.deploy.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff between two texts, grouped into hunks with context lines, rendered like {@code diff -u}.
 * Lines keep their terminator so "no newline at end of file" differences are seen and shown.
 * {@link #toString()} never shows content (configs hold secrets); use {@link #render(boolean)}.
 */
public record UnifiedDiff(String oldLabel, String newLabel, List<Hunk> hunks) {

    public static final int DEFAULT_CONTEXT = 3;

    public enum Kind { CONTEXT, REMOVED, ADDED }

    /** One line; {@code text} is without the line terminator, {@code terminated} tells whether it had one. */
    public record Line(Kind kind, String text, boolean terminated) {
    }

    /** Starts are 1-based; for an empty side the start is the line after which the change goes (0 at the top). */
    public record Hunk(int oldStart, int oldCount, int newStart, int newCount, List<Line> lines) {
        public Hunk {
            lines = List.copyOf(lines);
        }
    }

    public UnifiedDiff {
        hunks = List.copyOf(hunks);
    }

    public static UnifiedDiff between(String oldLabel, String oldText, String newLabel, String newText) {
        return between(oldLabel, oldText, newLabel, newText, DEFAULT_CONTEXT);
    }

    public static UnifiedDiff between(String oldLabel, String oldText, String newLabel, String newText, int context) {
        List<String> oldLines = splitKeepingTerminators(oldText);
        List<String> newLines = splitKeepingTerminators(newText);
        List<LineDiff.Edit> script = LineDiff.compute(oldLines, newLines);
        return new UnifiedDiff(oldLabel, newLabel, hunks(script, context));
    }

    public boolean isEmpty() {
        return hunks.isEmpty();
    }

    public int addedLines() {
        return count(Kind.ADDED);
    }

    public int removedLines() {
        return count(Kind.REMOVED);
    }

    private int count(Kind kind) {
        int n = 0;
        for (Hunk h : hunks) {
            for (Line l : h.lines()) {
                if (l.kind() == kind) {
                    n++;
                }
            }
        }
        return n;
    }

    /** "+3 -1 lines" style summary, safe to log. */
    public String stats() {
        return "+" + addedLines() + " -" + removedLines() + " lines";
    }

    /**
     * The {@code diff -u} text; with {@code redactSecrets} each auth_pass is masked to the end of its line
     * ({@link SecretRedaction#redactConfigLine}).
     */
    public String render(boolean redactSecrets) {
        if (isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(oldLabel).append('\n');
        out.append("+++ ").append(newLabel).append('\n');
        for (Hunk h : hunks) {
            out.append("@@ -").append(range(h.oldStart(), h.oldCount()))
                    .append(" +").append(range(h.newStart(), h.newCount())).append(" @@\n");
            for (Line l : h.lines()) {
                out.append(switch (l.kind()) {
                    case CONTEXT -> ' ';
                    case REMOVED -> '-';
                    case ADDED -> '+';
                });
                out.append(redactSecrets ? SecretRedaction.redactConfigLine(l.text()) : l.text()).append('\n');
                if (!l.terminated()) {
                    out.append("\\ No newline at end of file\n");
                }
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "UnifiedDiff[" + oldLabel + " -> " + newLabel + ", " + stats() + " in " + hunks.size() + " hunks]";
    }

    private static String range(int start, int count) {
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }

    static List<String> splitKeepingTerminators(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl + 1;
            lines.add(text.substring(start, end));
            start = end;
        }
        return lines;
    }

    private static List<Hunk> hunks(List<LineDiff.Edit> script, int context) {
        List<Hunk> hunks = new ArrayList<>();
        int i = 0;
        while (i < script.size()) {
            // find the next change
            while (i < script.size() && script.get(i).op() == LineDiff.Op.EQUAL) {
                i++;
            }
            if (i == script.size()) {
                break;
            }
            int from = Math.max(0, i - context);
            // extend while the gap of equal lines to the next change is at most 2 * context
            int to = i;
            while (true) {
                while (to < script.size() && script.get(to).op() != LineDiff.Op.EQUAL) {
                    to++;
                }
                int gapEnd = to;
                while (gapEnd < script.size() && script.get(gapEnd).op() == LineDiff.Op.EQUAL) {
                    gapEnd++;
                }
                if (gapEnd < script.size() && gapEnd - to <= 2 * context) {
                    to = gapEnd;
                } else {
                    to = Math.min(script.size(), to + context);
                    break;
                }
            }
            hunks.add(hunk(script.subList(from, to)));
            i = to;
        }
        return hunks;
    }

    private static Hunk hunk(List<LineDiff.Edit> edits) {
        List<Line> lines = new ArrayList<>();
        int oldCount = 0;
        int newCount = 0;
        LineDiff.Edit first = edits.get(0);
        for (LineDiff.Edit e : edits) {
            Kind kind = switch (e.op()) {
                case EQUAL -> Kind.CONTEXT;
                case DELETE -> Kind.REMOVED;
                case INSERT -> Kind.ADDED;
            };
            if (kind != Kind.ADDED) {
                oldCount++;
            }
            if (kind != Kind.REMOVED) {
                newCount++;
            }
            String raw = e.line();
            boolean terminated = raw.endsWith("\n");
            lines.add(new Line(kind, terminated ? raw.substring(0, raw.length() - 1) : raw, terminated));
        }
        int oldStart = oldCount == 0 ? first.oldIndex() : first.oldIndex() + 1;
        int newStart = newCount == 0 ? first.newIndex() : first.newIndex() + 1;
        return new Hunk(oldStart, oldCount, newStart, newCount, lines);
    }
}
