package org.vrrpstudio.cluster;

import java.util.List;

import org.vrrpstudio.cluster.internal.CommentKeys;
import org.vrrpstudio.model.AuthType;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.InitialState;
import org.vrrpstudio.model.VrrpInstance;

/**
 * The two traps of the case study's file that keepalived resolves silently, found in a model so the console can offer
 * its fixes on every director at once: {@code auth_pass k@l!ve1} (keepalived's password is {@code k@l}; the rest is
 * a comment) and {@code state MASTER} with {@code auth_type AH} (keepalived starts such an instance as BACKUP).
 */
public final class CaseStudyTraps {

    /** innerComments keys on the instance: the comment glued to auth_pass, and the flag that it was glued. */
    public static final String AUTH_PASS_COMMENT = "authentication/auth_pass#";
    public static final String AUTH_PASS_CUT = CommentKeys.AUTH_PASS_CUT;

    private CaseStudyTraps() {
    }

    /** Instances whose auth_pass keepalived cuts at a comment character written inside the word. */
    public static List<VrrpInstance> cutPasswords(Cluster cluster) {
        return cluster.getInstances().stream()
                .filter(i -> i.getAuthentication() != null && i.getAuthentication().getSecret() != null)
                .filter(i -> i.getInnerComments().containsKey(AUTH_PASS_CUT) && i.getInnerComments().containsKey(AUTH_PASS_COMMENT))
                .toList();
    }

    /** The password as written, the comment character and what follows it included ({@code k@l!ve1}). */
    public static String wholeWord(VrrpInstance instance) {
        return instance.getAuthentication().getSecret() + instance.getInnerComments().get(AUTH_PASS_COMMENT);
    }

    /** Every director's setting of {@code state MASTER} on an instance with AH, which keepalived runs as BACKUP. */
    public static List<DirectorInstance> ahMasters(Cluster cluster) {
        return cluster.getDirectors().stream().flatMap(d -> d.getInstanceSettings().stream())
                .filter(s -> s.getInitialState() == InitialState.MASTER && s.getInstance() != null
                        && s.getInstance().getAuthentication() != null && s.getInstance().getAuthentication().getType() == AuthType.AH)
                .toList();
    }
}
