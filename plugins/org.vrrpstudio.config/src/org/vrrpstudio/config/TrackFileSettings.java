package org.vrrpstudio.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a top-level {@code track_file NAME { ... }} block says (keepalived.conf(5); {@code vrrp_track_file} is its
 * older name), read from the resolved statement. Model-free, so that the agent's daemon path can read it too.
 *
 * @param file      {@code file PATH}, empty when the block names none (a configuration error)
 * @param weight    {@code weight W [reverse]}: 1 when not given, as keepalived's default
 * @param initValue {@code init_file [VALUE] [overwrite]}: present (default 0) when the block asks for the file to be
 *                  written at start-up
 * @param problems  what is wrong with the block as written, worded for the user
 */
public record TrackFileSettings(String name, Optional<String> file, int weight, boolean reverse, OptionalLong initValue,
        boolean overwrite, List<String> problems) {

    /** Block keywords: the current one and the deprecated synonym. */
    public static final List<String> KEYWORDS = List.of("track_file", "vrrp_track_file");

    public TrackFileSettings {
        problems = List.copyOf(problems);
    }

    /** The settings of {@code block}; empty when it has no name. */
    public static Optional<TrackFileSettings> of(ResolvedStatement block) {
        if (block.args().isEmpty()) {
            return Optional.empty();
        }
        String name = block.args().getFirst();
        String where = block.keyword() + " " + name;
        List<String> problems = new ArrayList<>();
        Optional<String> file = Optional.empty();
        int weight = 1;
        boolean reverse = false;
        OptionalLong initValue = OptionalLong.empty();
        boolean overwrite = false;
        for (ResolvedStatement line : block.children()) {
            List<String> args = line.args();
            switch (line.keyword()) {
                case "file" -> {
                    if (args.size() == 1) {
                        file = Optional.of(args.getFirst());
                    } else {
                        problems.add(where + ": file takes one path");
                    }
                }
                case "weight" -> {
                    Optional<Integer> value = args.isEmpty() ? Optional.empty() : integer(args.getFirst());
                    boolean tailOk = args.size() == 1 || args.size() == 2 && List.of("reverse", "noreverse").contains(args.get(1));
                    if (value.isPresent() && tailOk) {
                        weight = value.get();
                        reverse = args.size() == 2 && args.get(1).equals("reverse");
                    } else {
                        problems.add(where + ": weight takes a number and optionally reverse");
                    }
                }
                case "init_file" -> {
                    long value = 0;
                    boolean ok = args.size() <= 2;
                    for (String arg : args) {
                        if (arg.equals("overwrite")) {
                            overwrite = true;
                        } else {
                            Optional<Integer> number = integer(arg);
                            ok &= number.isPresent();
                            value = number.orElse(0);
                        }
                    }
                    if (ok) {
                        initValue = OptionalLong.of(value);
                    } else {
                        problems.add(where + ": init_file takes an optional number and optionally overwrite");
                    }
                }
                default -> problems.add(where + ": unknown keyword '" + line.keyword() + "'");
            }
        }
        if (file.isEmpty()) {
            problems.add(where + " names no file");
        }
        return Optional.of(new TrackFileSettings(name, file, weight, reverse, initValue, overwrite, problems));
    }

    private static Optional<Integer> integer(String text) {
        try {
            return Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
