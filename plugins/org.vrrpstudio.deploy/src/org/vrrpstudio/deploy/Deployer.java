package org.vrrpstudio.deploy;

import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.vrrpstudio.deploy.internal.AuthChange;
import org.vrrpstudio.deploy.internal.DirectorDeployment;
import org.vrrpstudio.deploy.internal.HostKeyNotTrusted;
import org.vrrpstudio.deploy.internal.PairGate;
import org.vrrpstudio.deploy.internal.RemoteFailure;
import org.vrrpstudio.deploy.internal.SshConnection;
import org.vrrpstudio.deploy.internal.LiveMasterOrder;
import org.vrrpstudio.deploy.internal.LiveStateQuery;
import org.vrrpstudio.deploy.internal.SshConnector;

/**
 * Entry point: deploys rendered configs to directors over SSH.
 * <pre>
 * Deployer deployer = new Deployer(DeployOptions.DEFAULTS, passphrases);
 * PlanResult result = deployer.run(DeployPlan.sequential(items), progress);
 * result.summaryLines().forEach(System.out::println);
 * </pre>
 * A dry run ({@link DeployOptions#withDryRun}) is the diff preview: its {@link DeployResult.WouldChange}
 * results carry the diff.
 */
public final class Deployer {

    private final DeployOptions options;
    private final SshConnector connector;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Deployer(DeployOptions options, PassphraseProvider passphrases) {
        this(options, passphrases, Clock.systemDefaultZone());
    }

    /** @param clock time and zone of backup names ({@code .bak-YYYYMMDD-HHMMSS}) */
    public Deployer(DeployOptions options, PassphraseProvider passphrases, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.connector = new SshConnector(options, Objects.requireNonNull(passphrases, "passphrases"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public DeployOptions options() {
        return options;
    }

    /** One director; never throws for remote problems, they are results. */
    public DeployResult deploy(DeployItem item, DeployProgress progress) {
        return new DirectorDeployment(item, options, connector, progress, clock, random).run();
    }

    /**
     * A whole plan; blocks until every group is done. Results come group by group in the order the directors were
     * deployed: the plan's, or for {@link DeployPlan#orderByLiveState()} the live one (see {@link PlanResult#orders()}).
     */
    public PlanResult run(DeployPlan plan, DeployProgress progress) {
        List<List<DeployItem>> groups = plan.groups();
        if (groups.isEmpty()) {
            return new PlanResult(List.of());
        }
        // a dry run stops no group, so the order does not matter there, and it must not even signal a daemon
        boolean liveOrder = plan.orderByLiveState() && !options.dryRun();
        int threads = Math.min(options.maxParallelGroups(), groups.size());
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                r -> Thread.ofPlatform().daemon().name("vrrpstudio-deploy-" + threadNumber.incrementAndGet()).unstarted(r));
        try {
            List<Future<GroupRun>> futures = new ArrayList<>();
            for (List<DeployItem> group : groups) {
                futures.add(pool.submit(() -> runGroup(group, liveOrder, progress)));
            }
            List<DeployResult> results = new ArrayList<>();
            List<GroupOrder> orders = new ArrayList<>();
            for (int g = 0; g < groups.size(); g++) {
                GroupRun run = await(futures.get(g), groups.get(g));
                results.addAll(run.results());
                if (run.order() != null) {
                    orders.add(run.order());
                }
            }
            return new PlanResult(results, orders);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One group's results, in deploy order, and its live order note (null when the plan's order was simply used). */
    private record GroupRun(List<DeployResult> results, GroupOrder order) {
    }

    private GroupRun runGroup(List<DeployItem> group, boolean liveOrder, DeployProgress progress) {
        List<DeployItem> ordered = group;
        GroupOrder order = null;
        if (liveOrder && group.size() > 1 && !progress.isCancelled()) {
            LiveMasterOrder.Decision decision = new LiveMasterOrder(new LiveStateQuery(connector)).decide(group);
            ordered = decision.items();
            order = decision.order();
            progress.orderChosen(order);
        }
        return new GroupRun(deployInOrder(ordered, progress), order);
    }

    private List<DeployResult> deployInOrder(List<DeployItem> group, DeployProgress progress) {
        if (!options.dryRun() && group.size() > 1 && !progress.isCancelled() && authenticationChanges(group)) {
            return deployTogether(group, progress);
        }
        List<DeployResult> results = new ArrayList<>();
        DeployResult blocking = null;
        for (DeployItem item : group) {
            DeployResult result;
            if (blocking != null) {
                result = new DeployResult.Skipped(item.director(), "not attempted: " + blocking.director() + " ended "
                        + blocking.status());
                progress.finished(result);
            } else if (progress.isCancelled()) {
                result = new DeployResult.Cancelled(item.director(), DeployStep.CONNECT);
                progress.finished(result);
            } else {
                result = deploy(item, progress);
                // a dry run shows every director; a real deploy stops the pair at the first problem
                if (!options.dryRun() && !result.status().isSuccess()) {
                    blocking = result;
                }
            }
            results.add(result);
        }
        return results;
    }

    /**
     * Whether the new files change any instance's authentication against what runs now (read once per director
     * before the deploy). A director whose file cannot be read counts as unchanged: its deploy reports that itself.
     */
    private boolean authenticationChanges(List<DeployItem> group) {
        for (DeployItem item : group) {
            try (SshConnection connection = connector.open(item.target(), alreadyReportedByTheDeploy -> { })) {
                var current = connection.read(item.target().remoteConfigPath());
                if (current.isPresent() && !AuthChange.between(new String(current.get(), StandardCharsets.UTF_8),
                        item.configText()).isEmpty()) {
                    return true;
                }
            } catch (RemoteFailure | HostKeyNotTrusted | RuntimeException e) {
                // the deploy of that director says what is wrong
            }
        }
        return false;
    }

    /**
     * A pair whose authentication changes: every director uploads and validates its file first (at the same time),
     * none swaps unless all could; then all swap and reload at once and verify; one failing after its swap rolls the
     * others back too. Prints how far apart the reloads were: the window in which the pair may be split.
     */
    private List<DeployResult> deployTogether(List<DeployItem> group, DeployProgress progress) {
        PairGate gate = new PairGate(group.stream().map(DeployItem::director).toList(),
                options.connectTimeout().plus(options.commandTimeout().multipliedBy(3)));
        List<Future<DeployResult>> futures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(group.size(),
                r -> Thread.ofPlatform().daemon().name("vrrpstudio-deploy-pair").unstarted(r));
        try {
            for (DeployItem item : group) {
                futures.add(pool.submit(() -> new DirectorDeployment(item, options, connector, progress, clock, random, gate).run()));
            }
            List<DeployResult> results = new ArrayList<>();
            for (int i = 0; i < group.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    results.add(new DeployResult.Cancelled(group.get(i).director(), DeployStep.CONNECT));
                } catch (ExecutionException e) {
                    results.add(new DeployResult.Skipped(group.get(i).director(), "internal error: " + e.getCause()));
                }
            }
            gate.reloadSpread().ifPresent(spread -> progress.warning(group.getFirst().director(),
                    "authentication changed on " + String.join(" and ", group.stream().map(DeployItem::director).toList())
                            + ": reloaded " + spread.toMillis() + " ms apart (the window in which both may be MASTER)"));
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static GroupRun await(Future<GroupRun> future, List<DeployItem> group) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new GroupRun(group.stream().<DeployResult>map(i -> new DeployResult.Cancelled(i.director(), DeployStep.CONNECT))
                    .toList(), null);
        } catch (ExecutionException e) {
            String why = "internal error: " + e.getCause();
            return new GroupRun(group.stream().<DeployResult>map(i -> new DeployResult.Skipped(i.director(), why)).toList(), null);
        }
    }
}
