package org.vrrpstudio.deploy.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vrrpstudio.deploy.DeployItem;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployPlan;
import org.vrrpstudio.deploy.DeployProgress;
import org.vrrpstudio.deploy.Deployer;
import org.vrrpstudio.deploy.PassphraseProvider;
import org.vrrpstudio.deploy.PlanResult;
import org.vrrpstudio.deploy.tests.FakeDirector;
import org.vrrpstudio.testing.TestSshd;

/**
 * Wall time of real deploys through one local OpenSSH server: 2 targets (one pair, sequential) and 50
 * targets (independent, parallel). Every deploy does connect, fetch, diff, upload, validate, backup, swap,
 * reload and verify; the three remote commands each start the login shell of the SSH user, so a slow shell
 * profile on the server shows up here.
 * Usage: DeployBenchmark [parallelism, default 8]
 */
public final class DeployBenchmark {

    private DeployBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int parallelism = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        if (!TestSshd.available()) {
            System.out.println("skipped: " + TestSshd.unavailableReason());
            return;
        }
        Path dir = Files.createTempDirectory("vrrpstudio-deploy-bench");
        try (TestSshd sshd = TestSshd.start(dir)) {
            measureShell(sshd);
            run(sshd, "pair", 2, DeployOptions.DEFAULTS, true);
            run(sshd, "fleet", 50, DeployOptions.DEFAULTS.withMaxParallelGroups(parallelism), false);
            run(sshd, "fleet-sequential", 50, DeployOptions.DEFAULTS, false);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(TestSshd sshd, String name, int targets, DeployOptions options, boolean sequential) throws Exception {
        List<DeployItem> items = new ArrayList<>();
        for (int i = 0; i < targets; i++) {
            FakeDirector d = FakeDirector.create(sshd, name + "-" + i);
            items.add(d.item("# " + name + " director " + i + "\nvrrp_instance VI_1 {\n    priority " + (100 + i) + "\n}\n"));
        }
        DeployPlan plan = sequential ? DeployPlan.sequential(items) : DeployPlan.independent(items);
        long start = System.nanoTime();
        PlanResult result = new Deployer(options, PassphraseProvider.NONE).run(plan, DeployProgress.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-18s %3d targets, parallel %2d: %6.2f s wall, %5.2f s per target (%s)%n", name, targets,
                sequential ? 1 : options.maxParallelGroups(), seconds, seconds / targets, result.totals());
        if (!result.allSucceeded()) {
            result.summaryLines().forEach(System.out::println);
        }
    }

    /** The cost of one remote command, which is mostly the server's login shell start-up. */
    private static void measureShell(TestSshd sshd) throws Exception {
        FakeDirector d = FakeDirector.create(sshd, "shell-probe");
        try (var c = new org.vrrpstudio.deploy.internal.SshConnector(DeployOptions.DEFAULTS, PassphraseProvider.NONE).open(d.target(), System.out::println)) {
            c.exec("true");
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                c.exec("true");
            }
            System.out.printf("one remote command ('true') costs %.0f ms on this server (login shell start-up)%n",
                    (System.nanoTime() - start) / 3e6);
        }
    }
}
