package org.vrrpstudio.deploy.tests;

import java.util.ArrayList;
import java.util.List;

/** Applies a unified diff strictly (context must match, counts must agree): the test oracle for the diff. */
final class PatchApplier {

    private PatchApplier() {
    }

    static String apply(String old, String patch) {
        List<String> source = split(old);
        List<String> result = new ArrayList<>();
        String[] lines = patch.split("\n", -1);
        int position = 0; // next unread source line
        int i = 2; // after the --- and +++ lines
        if (patch.isEmpty()) {
            return old;
        }
        while (i < lines.length && lines[i].startsWith("@@ ")) {
            String[] ranges = lines[i].split(" ");
            int[] oldRange = range(ranges[1].substring(1));
            int[] newRange = range(ranges[2].substring(1));
            int start = oldRange[1] == 0 ? oldRange[0] : oldRange[0] - 1;
            while (position < start) {
                result.add(source.get(position++));
            }
            int oldSeen = 0;
            int newSeen = 0;
            i++;
            while (i < lines.length && !lines[i].startsWith("@@ ") && !lines[i].isEmpty()) {
                String line = lines[i];
                boolean terminated = !(i + 1 < lines.length && lines[i + 1].startsWith("\\ "));
                String text = line.substring(1) + (terminated ? "\n" : "");
                switch (line.charAt(0)) {
                    case ' ' -> {
                        check(source.get(position++), text);
                        result.add(text);
                        oldSeen++;
                        newSeen++;
                    }
                    case '-' -> {
                        check(source.get(position++), text);
                        oldSeen++;
                    }
                    case '+' -> {
                        result.add(text);
                        newSeen++;
                    }
                    default -> throw new AssertionError("bad line: " + line);
                }
                i += terminated ? 1 : 2;
            }
            if (oldSeen != oldRange[1] || newSeen != newRange[1]) {
                throw new AssertionError("hunk counts wrong: " + oldSeen + "/" + newSeen + " vs header " + lines[i]);
            }
        }
        while (position < source.size()) {
            result.add(source.get(position++));
        }
        return String.join("", result);
    }

    private static void check(String actual, String expected) {
        if (!actual.equals(expected)) {
            throw new AssertionError("context mismatch: '" + actual + "' vs '" + expected + "'");
        }
    }

    private static int[] range(String spec) {
        String[] parts = spec.split(",");
        return new int[] {Integer.parseInt(parts[0]), parts.length == 1 ? 1 : Integer.parseInt(parts[1])};
    }

    private static List<String> split(String text) {
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
}
