package org.vrrpstudio.cli.commands;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.vrrpstudio.cli.CommandFailure;
import org.vrrpstudio.cluster.ClusterImporter;
import org.vrrpstudio.cluster.ImportResult;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.simulation.DirectorBinding;
import org.vrrpstudio.simulation.ScenarioEvent;
import org.vrrpstudio.simulation.SimulationReport;
import org.vrrpstudio.simulation.WhatIfSimulation;
import org.vrrpstudio.vrrp.binding.BindingException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code simulate}: runs the directors' configs on a simulated LAN (the agent's own engine, virtual time) through
 * failures and prints one line per transition, then who is MASTER of what.
 */
@Command(name = "simulate", description = "What if: run the directors' configs on a simulated network through failures.")
public final class SimulateCommand implements Callable<Integer> {

    private static final Pattern LINK_EVENT = Pattern.compile("([^:@]+):([^@]+)@([0-9]+(?:\\.[0-9]+)?)");
    private static final Pattern DIRECTOR_EVENT = Pattern.compile("([^@]+)@([0-9]+(?:\\.[0-9]+)?)");

    @Spec
    CommandSpec spec;

    @Option(names = "--director", paramLabel = "NAME=FILE", description = "a director and its keepalived.conf (repeat per director)")
    List<String> directors = new ArrayList<>();

    @Option(names = "--cluster", paramLabel = "CLUSTER", description = "all directors of a cluster file instead of --director")
    Path clusterFile;

    @Option(names = "--fail", paramLabel = "NAME:IFACE@SECONDS", description = "the interface's link goes down")
    List<String> fails = new ArrayList<>();

    @Option(names = "--restore", paramLabel = "NAME:IFACE@SECONDS", description = "the interface's link comes back")
    List<String> restores = new ArrayList<>();

    @Option(names = "--stop", paramLabel = "NAME@SECONDS", description = "the daemon stops cleanly (priority 0)")
    List<String> stops = new ArrayList<>();

    @Option(names = "--crash", paramLabel = "NAME@SECONDS", description = "the director dies without a word")
    List<String> crashes = new ArrayList<>();

    @Option(names = "--restart", paramLabel = "NAME@SECONDS", description = "a stopped or crashed director starts again")
    List<String> restarts = new ArrayList<>();

    @Option(names = "--until", paramLabel = "SECONDS", description = "simulated time to run (default: 10 s after the last event)")
    BigDecimal until;

    @Override
    public Integer call() {
        WhatIfSimulation simulation = directorsToSimulate();
        List<ScenarioEvent> events = new ArrayList<>();
        fails.forEach(spec -> events.add(linkEvent(spec, "--fail", false)));
        restores.forEach(spec -> events.add(linkEvent(spec, "--restore", true)));
        stops.forEach(spec -> events.add(directorEvent(spec, "--stop", ScenarioEvent.Stop::new)));
        crashes.forEach(spec -> events.add(directorEvent(spec, "--crash", ScenarioEvent.Crash::new)));
        restarts.forEach(spec -> events.add(directorEvent(spec, "--restart", ScenarioEvent.Restart::new)));
        events.forEach(simulation::add);
        Duration end = until != null ? seconds(until)
                : events.stream().map(ScenarioEvent::at).max(Duration::compareTo).orElse(Duration.ZERO).plusSeconds(10);
        SimulationReport report;
        try {
            report = simulation.run(end);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        report.timeline().forEach(out::println);
        out.println(report.distribution());
        if (!report.splitBrain().isEmpty()) {
            out.println("split brain: " + String.join(", ", report.splitBrain()) + " MASTER on more than one director");
        }
        return 0;
    }

    private WhatIfSimulation directorsToSimulate() {
        if ((clusterFile == null) == directors.isEmpty()) {
            throw CommandFailure.usage("give either --cluster CLUSTER or --director NAME=FILE (once per director)");
        }
        try {
            if (clusterFile != null) {
                return WhatIfSimulation.of(ClusterFiles.load(InputFiles.readable(clusterFile)));
            }
            WhatIfSimulation simulation = new WhatIfSimulation();
            for (int i = 0; i < directors.size(); i++) {
                String[] nameAndFile = directors.get(i).split("=", 2);
                if (nameAndFile.length != 2 || nameAndFile[0].isBlank()) {
                    throw CommandFailure.usage("--director takes NAME=FILE, not '" + directors.get(i) + "'");
                }
                Path file = InputFiles.readable(Path.of(nameAndFile[1]));
                ImportResult imported = new ClusterImporter().importSingle(new ConfigParser().parse(file), nameAndFile[0]);
                if (!imported.succeeded()) {
                    PrintWriter out = spec.commandLine().getOut();
                    imported.errors().forEach(d -> out.println(d.format()));
                    throw new CommandFailure(1, file + ": cannot simulate a config with errors");
                }
                simulation.add(DirectorBinding.bind(imported.cluster().orElseThrow(), nameAndFile[0],
                        WhatIfSimulation.syntheticAddresses(i)));
            }
            return simulation;
        } catch (BindingException e) {
            throw new CommandFailure(1, e.getMessage());
        }
    }

    private static ScenarioEvent linkEvent(String text, String option, boolean up) {
        Matcher m = LINK_EVENT.matcher(text);
        if (!m.matches()) {
            throw CommandFailure.usage(option + " takes NAME:IFACE@SECONDS (e.g. lvs1:eth0@10), not '" + text + "'");
        }
        return new ScenarioEvent.Link(seconds(new BigDecimal(m.group(3))), m.group(1), m.group(2), up);
    }

    private static ScenarioEvent directorEvent(String text, String option,
            BiFunction<Duration, String, ScenarioEvent> event) {
        Matcher m = DIRECTOR_EVENT.matcher(text);
        if (!m.matches()) {
            throw CommandFailure.usage(option + " takes NAME@SECONDS (e.g. lvs1@10), not '" + text + "'");
        }
        return event.apply(seconds(new BigDecimal(m.group(2))), m.group(1));
    }

    private static Duration seconds(BigDecimal value) {
        return Duration.ofNanos(value.movePointRight(9).longValueExact());
    }
}
