package org.vrrpstudio.releng.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.eclipse.emf.codegen.ecore.generator.Generator;
import org.eclipse.emf.codegen.ecore.generator.GeneratorAdapterFactory;
import org.eclipse.emf.codegen.ecore.genmodel.GenModel;
import org.eclipse.emf.codegen.ecore.genmodel.GenModelPackage;
import org.eclipse.emf.codegen.ecore.genmodel.generator.GenBaseGeneratorAdapter;
import org.eclipse.emf.codegen.ecore.genmodel.generator.GenModelGeneratorAdapterFactory;
import org.eclipse.emf.common.util.BasicMonitor;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EcorePackage;
import org.eclipse.emf.ecore.plugin.EcorePlugin;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.xmi.impl.EcoreResourceFactoryImpl;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceFactoryImpl;

/**
 * Runs the EMF generator on {@code model/vrrpstudio.genmodel} of the model bundle without OSGi.
 * <p>
 * The generator always writes into a fresh temporary project, so no JDT merge of existing code ever happens
 * and the output depends only on the genmodel. Line endings are normalised to LF. Then:
 * <ul>
 * <li>{@code generate}: the bundle's {@code src-gen/} is replaced by the fresh output (stale files removed);</li>
 * <li>{@code check}: the fresh output is compared with the committed {@code src-gen/}; any difference fails.</li>
 * </ul>
 */
public final class EmfCodegen {

    private static final String PROJECT_NAME = "org.vrrpstudio.model";
    private static final String GENMODEL = "model/vrrpstudio.genmodel";
    private static final String GENERATED_FOLDER = "src-gen";

    private EmfCodegen() {
    }

    public static void main(String[] args) throws IOException {
        String mode = System.getProperty("codegen.mode", args.length > 0 ? args[0] : "check");
        Path bundle = Path.of(System.getProperty("codegen.bundle", args.length > 1 ? args[1] : "plugins/" + PROJECT_NAME))
                .toAbsolutePath().normalize();
        if (!mode.equals("generate") && !mode.equals("check")) {
            throw new IllegalArgumentException("codegen.mode must be 'generate' or 'check', not '" + mode + "'");
        }
        Path scratch = Files.createTempDirectory("vrrpstudio-emf-codegen");
        try {
            Path freshProject = scratch.resolve(PROJECT_NAME);
            Files.createDirectories(freshProject);
            generate(bundle.resolve(GENMODEL), freshProject);
            Map<String, String> fresh = readTree(freshProject.resolve(GENERATED_FOLDER));
            Path committedFolder = bundle.resolve(GENERATED_FOLDER);
            Map<String, String> committed = readTree(committedFolder);
            List<String> differences = compare(fresh, committed);
            if (mode.equals("generate")) {
                replaceTree(committedFolder, fresh, committed);
                System.out.println("emf-codegen: " + fresh.size() + " files in " + committedFolder + " ("
                        + differences.size() + " changed)");
                differences.forEach(d -> System.out.println("  " + d));
            } else if (differences.isEmpty()) {
                System.out.println("emf-codegen: " + committedFolder + " is up to date (" + fresh.size() + " files)");
            } else {
                System.err.println("emf-codegen: " + committedFolder + " differs from what "
                        + GENMODEL + " generates; run with -Dcodegen.mode=generate and commit:");
                differences.forEach(d -> System.err.println("  " + d));
                throw new IllegalStateException("generated code is stale: " + differences.size() + " file(s) differ");
            }
        } finally {
            deleteTree(scratch);
        }
    }

    private static void generate(Path genModelFile, Path targetProject) {
        if (!Files.isRegularFile(genModelFile)) {
            throw new IllegalArgumentException("no genmodel at " + genModelFile);
        }
        EcorePackage.eINSTANCE.eClass();
        GenModelPackage.eINSTANCE.eClass();
        GeneratorAdapterFactory.Descriptor.Registry.INSTANCE.addDescriptor(GenModelPackage.eNS_URI,
                GenModelGeneratorAdapterFactory.DESCRIPTOR);
        // The genmodel names its output folder /org.vrrpstudio.model/src-gen: point that project at the scratch dir.
        EcorePlugin.getPlatformResourceMap().put(PROJECT_NAME,
                URI.createFileURI(targetProject.toString() + "/"));

        ResourceSet resources = new ResourceSetImpl();
        Map<String, Object> factories = resources.getResourceFactoryRegistry().getExtensionToFactoryMap();
        factories.put("ecore", new EcoreResourceFactoryImpl());
        factories.put("genmodel", new XMIResourceFactoryImpl());
        Resource resource = resources.getResource(URI.createFileURI(genModelFile.toString()), true);
        GenModel genModel = (GenModel) resource.getContents().getFirst();
        genModel.reconcile();
        genModel.setCanGenerate(true);
        Diagnostic validation = genModel.diagnose();
        if (validation.getSeverity() >= Diagnostic.ERROR) {
            throw new IllegalStateException("genmodel is invalid: " + describe(validation));
        }

        Generator generator = new Generator();
        generator.setInput(genModel);
        Diagnostic result = generator.generate(genModel, GenBaseGeneratorAdapter.MODEL_PROJECT_TYPE,
                new BasicMonitor());
        if (result.getSeverity() >= Diagnostic.ERROR) {
            throw new IllegalStateException("generation failed: " + describe(result));
        }
    }

    private static String describe(Diagnostic diagnostic) {
        StringBuilder text = new StringBuilder(diagnostic.getMessage());
        for (Diagnostic child : diagnostic.getChildren()) {
            text.append("\n  ").append(child.getMessage());
            if (child.getException() != null) {
                text.append(" (").append(child.getException()).append(')');
            }
        }
        return text.toString();
    }

    /** Relative path → content with LF line endings, sorted for stable reports. */
    private static Map<String, String> readTree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
                files.put(root.relativize(file).toString().replace('\\', '/'), text);
            }
        }
        return files;
    }

    private static List<String> compare(Map<String, String> fresh, Map<String, String> committed) {
        List<String> differences = new ArrayList<>();
        fresh.forEach((path, text) -> {
            String old = committed.get(path);
            if (old == null) {
                differences.add("missing:  " + path);
            } else if (!old.equals(text)) {
                differences.add("changed:  " + path);
            }
        });
        committed.keySet().stream().filter(path -> !fresh.containsKey(path))
                .forEach(path -> differences.add("stale:    " + path));
        return differences;
    }

    private static void replaceTree(Path folder, Map<String, String> fresh, Map<String, String> committed)
            throws IOException {
        for (String path : committed.keySet()) {
            if (!fresh.containsKey(path)) {
                Files.delete(folder.resolve(path));
            }
        }
        for (Map.Entry<String, String> file : fresh.entrySet()) {
            if (!file.getValue().equals(committed.get(file.getKey()))) {
                Path target = folder.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            }
        }
        removeEmptyFolders(folder);
    }

    private static void removeEmptyFolders(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path dir : walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                if (!dir.equals(folder)) {
                    try (Stream<Path> entries = Files.list(dir)) {
                        if (entries.findAny().isEmpty()) {
                            Files.delete(dir);
                        }
                    }
                }
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
