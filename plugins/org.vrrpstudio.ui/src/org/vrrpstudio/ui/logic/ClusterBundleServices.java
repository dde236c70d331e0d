package org.vrrpstudio.ui.logic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.emf.ecore.EObject;
import org.vrrpstudio.cluster.ClusterExporter;
import org.vrrpstudio.cluster.ClusterImporter;
import org.vrrpstudio.cluster.ClusterValidator;
import org.vrrpstudio.cluster.ImportResult;
import org.vrrpstudio.cluster.ScriptHost;
import org.vrrpstudio.cluster.SourceMap;
import org.vrrpstudio.cluster.ValidationFinding;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.ParseResult;
import org.vrrpstudio.config.Severity;
import org.vrrpstudio.deploy.diff.SecretRedaction;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;

/** {@link ClusterServices} over the cluster bundle: its importer, exporter and validator. */
public final class ClusterBundleServices implements ClusterServices {


    private final ClusterImporter importer = new ClusterImporter();
    private final ClusterExporter exporter = new ClusterExporter();

    @Override
    public ImportOutcome importWithMirror(DirectorSource source, String mirrorName) {
        return outcome(importer.importWithMirror(parse(source), source.directorName(), mirrorName));
    }

    @Override
    public ImportOutcome importPair(DirectorSource first, DirectorSource second) {
        return outcome(importer.importPair(parse(first), first.directorName(), parse(second), second.directorName()));
    }

    private static ParseResult parse(DirectorSource source) {
        return new ConfigParser().parse(source.path(), source.text());
    }

    private static ImportOutcome outcome(ImportResult result) {
        if (result.cluster().isEmpty()) {
            return new ImportOutcome.Failed(result.errors());
        }
        return new ImportOutcome.Imported(result.cluster().get(), result.diagnostics());
    }

    @Override
    public String exportDirector(Cluster cluster, Director director, boolean maskSecrets) {
        String text = exporter.exportText(cluster, director.getName());
        // the exporter writes one auth_pass statement per line, the secret being the rest of the line
        return maskSecrets ? text.lines().map(SecretRedaction::redactConfigLine).collect(Collectors.joining("\n", "", text.endsWith("\n") ? "\n" : ""))
                : text;
    }

    @Override
    public List<ClusterProblem> check(Cluster cluster, Map<String, ScriptHost> scriptHosts) {
        List<String> everyDirector = cluster.getDirectors().stream().map(Director::getName).toList();
        List<ClusterProblem> problems = new ArrayList<>();
        List<ValidationFinding> findings = ClusterValidator.findings(cluster, new SourceMap());
        for (ValidationFinding finding : findings) {
            Director owner = directorOf(finding.element());
            problems.add(new ClusterProblem(finding.diagnostic().severity(), finding.diagnostic().message(),
                    finding.element(), where(finding), owner == null ? everyDirector : List.of(owner.getName())));
        }
        // the script rules judged on each director that answered (a deploy preview asked it): what that adds
        Set<String> known = findings.stream().map(f -> f.diagnostic().message()).collect(Collectors.toSet());
        for (Director director : cluster.getDirectors()) {
            ScriptHost host = scriptHosts.get(director.getName());
            if (host == null) {
                continue;
            }
            for (ValidationFinding finding : ClusterValidator.findings(cluster, new SourceMap(), host)) {
                if (known.add(finding.diagnostic().message())) {
                    problems.add(new ClusterProblem(finding.diagnostic().severity(), finding.diagnostic().message(),
                            finding.element(), where(finding), List.of(director.getName())));
                }
            }
        }
        // errors first, then by the order the validator found them in
        problems.sort((a, b) -> Integer.compare(rank(a.severity()), rank(b.severity())));
        return problems;
    }

    private static int rank(Severity severity) {
        return switch (severity) {
            case ERROR -> 0;
            case WARNING -> 1;
            case INFO -> 2;
        };
    }

    /** The director whose own settings the element is part of; null for shared elements (in every file). */
    private static Director directorOf(EObject element) {
        for (EObject current = element; current != null; current = current.eContainer()) {
            if (current instanceof Director director) {
                return director;
            }
        }
        return null;
    }

    /** "director lvs2 › vrrp_instance VI_1 › priority": the element path without the cluster root. */
    private static String where(ValidationFinding finding) {
        String path = SourceMap.elementPath(finding.element(), finding.keyword());
        String withoutRoot = path.startsWith("cluster/") ? path.substring("cluster/".length()) : path;
        return withoutRoot.replace("/", " › ");
    }
}
