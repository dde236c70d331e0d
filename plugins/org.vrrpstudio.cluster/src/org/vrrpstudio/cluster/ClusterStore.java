package org.vrrpstudio.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.ecore.xmi.XMLResource;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceImpl;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.Location;
import org.vrrpstudio.model.Authentication;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.ModelPackage;
import org.vrrpstudio.model.VrrpInstance;

/**
 * Reads and writes {@code .vrrpcluster} files (XMI, UTF-8, indented). Secrets are transient in the model:
 * {@link #save} hands them to a {@link SecretStore} and {@link #load} fills them back in.
 */
public final class ClusterStore {

    public static final String FILE_EXTENSION = "vrrpcluster";

    /**
     * A cluster file's size limit: far above what the largest configuration the config reader accepts imports to
     * (200,000 lines: about 10 MB of XMI).
     */
    static final int MAX_FILE_BYTES = 64 * 1024 * 1024;

    /** XML's own indirections, which a cluster file never uses: entities that read other files or expand without end. */
    private static final String NO_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";

    private ClusterStore() {
    }

    /** Loads a cluster file; secrets are left empty. */
    public static Cluster load(Path file) throws ClusterFileException {
        ModelPackage.eINSTANCE.eClass();
        ResourceSet resources = new ResourceSetImpl();
        resources.getPackageRegistry().put(ModelPackage.eNS_URI, ModelPackage.eINSTANCE);
        Resource resource = new XMIResourceImpl(URI.createFileURI(file.toAbsolutePath().toString()));
        resources.getResources().add(resource);
        byte[] content;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            // one bounded read: a device or a file that keeps growing cannot exhaust memory (issue 20)
            content = in.readNBytes(MAX_FILE_BYTES + 1);
            if (content.length > MAX_FILE_BYTES) {
                throw failure(Location.of(file), "cannot read cluster file: it is larger than " + (MAX_FILE_BYTES >> 20)
                        + " MiB (or keeps growing)", null);
            }
        } catch (NoSuchFileException e) {
            throw failure(Location.of(file), "cluster file does not exist", e);
        } catch (IOException e) {
            throw failure(Location.of(file), "cannot read cluster file: " + e.getMessage(), e);
        }
        try {
            resource.load(new java.io.ByteArrayInputStream(content), loadOptions());
        } catch (IOException | RuntimeException e) {
            throw damaged(file, resource, e);
        }
        if (!resource.getErrors().isEmpty()) {
            throw damaged(file, resource, null);
        }
        if (resource.getContents().size() != 1 || !(resource.getContents().getFirst() instanceof Cluster cluster)) {
            throw failure(Location.of(file), "not a VRRP Studio cluster file (its root element is not a Cluster)",
                    null);
        }
        Map<EObject, java.util.Collection<EStructuralFeature.Setting>> dangling = EcoreUtil.UnresolvedProxyCrossReferencer
                .find(resource);
        if (!dangling.isEmpty()) {
            EObject proxy = dangling.keySet().iterator().next();
            throw failure(Location.of(file), "the file refers to an element it does not contain: "
                    + EcoreUtil.getURI(proxy).fragment(), null);
        }
        return cluster;
    }

    /** Loads a cluster file and fills in the secrets the store holds for it. */
    public static Cluster load(Path file, SecretStore secrets) throws ClusterFileException {
        Cluster cluster = load(file);
        for (VrrpInstance instance : cluster.getInstances()) {
            Authentication authentication = instance.getAuthentication();
            if (authentication != null) {
                secrets.get(SecretStore.authPassKey(instance.getName())).ifPresent(authentication::setSecret);
            }
        }
        return cluster;
    }

    /**
     * Saves the cluster (without secrets) atomically, and its secrets into the store: secrets of instances
     * that no longer have one are removed from the store.
     */
    public static void save(Cluster cluster, Path file, SecretStore secrets) throws ClusterFileException {
        for (VrrpInstance instance : cluster.getInstances()) {
            Authentication authentication = instance.getAuthentication();
            String key = SecretStore.authPassKey(instance.getName());
            if (authentication != null && authentication.getSecret() != null) {
                secrets.put(key, authentication.getSecret());
            } else {
                secrets.remove(key);
            }
        }
        save(cluster, file);
        try {
            secrets.flush();
        } catch (IOException e) {
            throw failure(Location.of(file), "cannot write the secrets of the cluster: " + e.getMessage(), e);
        }
    }

    /** Saves the cluster without secrets (they are transient and never written to this file). */
    public static void save(Cluster cluster, Path file) throws ClusterFileException {
        Path absolute = file.toAbsolutePath();
        // Save a copy, so the caller's cluster stays in its own resource (or none).
        Cluster copy = EcoreUtil.copy(cluster);
        Resource resource = new XMIResourceImpl(URI.createFileURI(absolute.toString()));
        resource.getContents().add(copy);
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
        try {
            Files.createDirectories(absolute.getParent());
            try (OutputStream out = Files.newOutputStream(temp)) {
                resource.save(out, saveOptions());
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the original error is the one worth reporting
            }
            throw failure(Location.of(file), "cannot write cluster file: " + e.getMessage(), e);
        }
    }

    private static Map<Object, Object> loadOptions() {
        Map<Object, Object> options = new HashMap<>();
        options.put(XMLResource.OPTION_DEFER_IDREF_RESOLUTION, Boolean.TRUE);
        options.put(XMLResource.OPTION_PARSER_FEATURES, Map.of(NO_DOCTYPE, Boolean.TRUE));
        return options;
    }

    private static Map<Object, Object> saveOptions() {
        Map<Object, Object> options = new HashMap<>();
        options.put(XMLResource.OPTION_ENCODING, "UTF-8");
        options.put(XMLResource.OPTION_LINE_WIDTH, 100);
        options.put(XMLResource.OPTION_USE_ENCODED_ATTRIBUTE_STYLE, Boolean.TRUE);
        options.put(XMLResource.OPTION_SAVE_TYPE_INFORMATION, Boolean.FALSE);
        options.put(XMLResource.OPTION_PROCESS_DANGLING_HREF, XMLResource.OPTION_PROCESS_DANGLING_HREF_THROW);
        return options;
    }

    private static ClusterFileException damaged(Path file, Resource resource, Exception thrown) {
        Resource.Diagnostic first = resource.getErrors().isEmpty() ? null : resource.getErrors().getFirst();
        if (first == null && thrown instanceof Resource.IOWrappedException wrapped
                && wrapped.getCause() instanceof Resource.Diagnostic inner) {
            first = inner;
        }
        if (first == null && thrown != null && thrown.getCause() instanceof Resource.Diagnostic inner) {
            first = inner;
        }
        if (first != null) {
            Location location = first.getLine() > 0 ? new Location(file, first.getLine(), Math.max(1, first.getColumn()))
                    : Location.of(file);
            return failure(location, "damaged cluster file: " + cleanMessage(first.getMessage()), thrown);
        }
        String cause = thrown == null ? "unknown error" : cleanMessage(String.valueOf(thrown.getMessage()));
        return failure(Location.of(file), "damaged cluster file: " + cause, thrown);
    }

    /** EMF messages often end with " (URI, line, column)": the location is reported separately. */
    private static String cleanMessage(String message) {
        if (message == null) {
            return "unknown error";
        }
        String withoutSaxPrefix = message.replaceFirst("^org\\.xml\\.sax\\.SAXParseException.*?columnNumber: \\d+; ", "");
        return withoutSaxPrefix.replaceFirst("\\s*\\((file|platform|archive):[^)]*\\)\\s*$", "").trim();
    }

    private static ClusterFileException failure(Location location, String message, Throwable cause) {
        return new ClusterFileException(Diagnostic.error(location, message), cause);
    }
}
