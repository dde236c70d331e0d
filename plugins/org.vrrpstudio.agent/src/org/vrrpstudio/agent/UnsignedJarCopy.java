package org.vrrpstudio.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

/**
 * {@code UnsignedJarCopy DIR JAR...}: copies each jar into DIR without its signature (the {@code META-INF/*.SF}
 * and signature block files and the manifest's per-entry digests). Used once by the agent's launcher: on a plain
 * class path a signed jar costs the daemon signature verification at start (about 200 more classes in memory) and
 * keeps its classes out of the JVM's ahead-of-time cache. Nothing else of the jar changes.
 */
public final class UnsignedJarCopy {

    private static final Pattern SIGNATURE_FILE = Pattern.compile("META-INF/[^/]+\\.(SF|RSA|DSA|EC)", Pattern.CASE_INSENSITIVE);

    private UnsignedJarCopy() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: UnsignedJarCopy DIR JAR...");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (int i = 1; i < args.length; i++) {
            Path jar = Path.of(args[i]);
            copy(jar, dir.resolve(jar.getFileName()));
        }
    }

    /** Writes {@code target}: {@code source} without signature files and with only the manifest's main section. */
    public static void copy(Path source, Path target) throws IOException {
        try (JarFile in = new JarFile(source.toFile(), false);
                OutputStream file = Files.newOutputStream(target);
                JarOutputStream out = new JarOutputStream(file)) {
            Manifest manifest = in.getManifest();
            if (manifest != null) {
                Manifest main = new Manifest();
                main.getMainAttributes().putAll(manifest.getMainAttributes());
                main.getMainAttributes().putIfAbsent(Attributes.Name.MANIFEST_VERSION, "1.0");
                out.putNextEntry(new JarEntry(JarFile.MANIFEST_NAME));
                main.write(out);
                out.closeEntry();
            }
            for (Enumeration<JarEntry> entries = in.entries(); entries.hasMoreElements();) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.equalsIgnoreCase(JarFile.MANIFEST_NAME) || SIGNATURE_FILE.matcher(name).matches()) {
                    continue;
                }
                JarEntry copy = new JarEntry(name);
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                try (InputStream data = in.getInputStream(entry)) {
                    data.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }
}
