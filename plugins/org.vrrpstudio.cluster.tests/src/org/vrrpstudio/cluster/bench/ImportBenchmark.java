package org.vrrpstudio.cluster.bench;

import java.nio.file.Path;
import java.util.List;

import org.vrrpstudio.cluster.ClusterImporter;
import org.vrrpstudio.cluster.ClusterValidator;
import org.vrrpstudio.cluster.ImportResult;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.ParseResult;

/**
 * Parse + import + validate of a generated 1,000-instance keepalived.conf (target: ≤ 1 s warm).
 * Run: java -cp ... org.vrrpstudio.cluster.bench.ImportBenchmark [instances] [rounds]
 */
public final class ImportBenchmark {

    private ImportBenchmark() {
    }

    public static void main(String[] args) {
        int instances = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String text = generate(instances);
        System.out.printf("config: %d instances, %d KiB%n", instances, text.length() / 1024);
        for (int i = 0; i < 5; i++) {
            runOnce(text); // warm-up: JIT
        }
        long best = Long.MAX_VALUE;
        long total = 0;
        int diagnostics = 0;
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            diagnostics = runOnce(text);
            long elapsed = System.nanoTime() - start;
            best = Math.min(best, elapsed);
            total += elapsed;
        }
        double bestMs = best / 1e6;
        double meanMs = total / 1e6 / rounds;
        System.out.printf("parse+import+validate: best %.1f ms, mean %.1f ms, %.0f instances/s (best), %d diagnostics%n",
                bestMs, meanMs, instances / (best / 1e9), diagnostics);
        System.out.println(bestMs <= 1000 ? "target met (<= 1 s warm)" : "TARGET MISSED (> 1 s warm)");
    }

    private static int runOnce(String text) {
        ParseResult parsed = new ConfigParser().parse(Path.of("bench.conf"), text);
        ImportResult result = new ClusterImporter().importSingle(parsed, "lvs1");
        List<Diagnostic> found = ClusterValidator.validate(result.cluster().orElseThrow(), result.sources());
        return result.diagnostics().size() + found.size();
    }

    /** Instances in sync groups of two, spread over 4 interfaces, two VIPs each, half MASTER. */
    static String generate(int instances) {
        StringBuilder text = new StringBuilder("global_defs {\n    router_id bench\n}\n");
        text.append("vrrp_script chk {\n    script \"/bin/true\"\n    interval 2\n}\n");
        for (int i = 0; i + 1 < instances; i += 2) {
            text.append("vrrp_sync_group G").append(i).append(" {\n    group {\n        VI_").append(i)
                    .append("\n        VI_").append(i + 1).append("\n    }\n}\n");
        }
        for (int i = 0; i < instances; i++) {
            int itf = i % 4;
            int vrid = i / 4 % 255 + 1;
            text.append("# instance ").append(i).append('\n');
            text.append("vrrp_instance VI_").append(i).append(" {\n");
            text.append("    state ").append(i % 2 == 0 ? "MASTER" : "BACKUP").append('\n');
            text.append("    interface eth").append(itf).append('\n');
            text.append("    virtual_router_id ").append(vrid).append('\n');
            text.append("    priority ").append(i % 2 == 0 ? 150 : 100).append('\n');
            text.append("    advert_int 1\n");
            text.append("    authentication {\n        auth_type PASS\n        auth_pass p").append(i % 1000)
                    .append("\n    }\n");
            text.append("    virtual_ipaddress {\n");
            text.append("        10.").append(i / 250).append('.').append(i % 250).append(".1/32\n");
            text.append("        10.").append(i / 250).append('.').append(i % 250).append(".2 dev eth")
                    .append(itf).append('\n');
            text.append("    }\n    track_script {\n        chk\n    }\n}\n");
        }
        return text.toString();
    }
}
