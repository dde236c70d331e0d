package org.vrrpstudio.deploy.internal;

import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SftpException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.stream.Collectors;
import org.vrrpstudio.deploy.DeployTarget;

/** Turns JSch and socket exceptions into one-line messages a user can act on. */
public final class ConnectionMessages {

    private ConnectionMessages() {
    }

    static String connectFailure(DeployTarget target, JSchException e, Duration timeout, OfferedIdentities offered) {
        String where = target.address();
        Throwable root = rootCause(e);
        if (root instanceof ConnectException) {
            return "cannot connect to " + where + ": connection refused (is sshd running on that port?)";
        }
        if (root instanceof UnknownHostException) {
            return "cannot connect to " + where + ": unknown host name '" + target.host() + "'";
        }
        if (root instanceof NoRouteToHostException) {
            return "cannot connect to " + where + ": no route to host";
        }
        if (root instanceof SocketTimeoutException || lower(e).contains("timeout")) {
            return "cannot connect to " + where + ": no answer within " + timeout.toSeconds() + " s";
        }
        if (lower(e).startsWith("auth fail") || lower(e).startsWith("auth cancel")) {
            return "authentication failed for " + where + " with " + offered.description() + " (is "
                    + (offered.size() == 1 ? "its public key" : "one of their public keys") + " in the user's authorized_keys?)"
                    + offered.problems().stream().map(problem -> "; " + problem).collect(Collectors.joining());
        }
        if (lower(e).contains("algorithm negotiation fail")) {
            return "cannot connect to " + where + ": no common SSH algorithms (" + oneLine(e.getMessage()) + ")";
        }
        if (root instanceof java.io.IOException io) {
            return "connection to " + where + " failed: " + oneLine(io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage());
        }
        return "connection to " + where + " failed: " + oneLine(e.getMessage());
    }

    static String sftpFailure(String action, SftpException e, boolean connected) {
        if (!connected) {
            return action + ": connection lost";
        }
        String reason = switch (e.id) {
            case 2 -> "no such file or directory";
            case 3 -> "permission denied";
            case 8 -> "not supported by the server";
            case 6, 7 -> "connection lost";
            default -> e.getMessage() == null ? "failed (SFTP status " + e.id + ")" : oneLine(e.getMessage());
        };
        return action + ": " + reason;
    }

    public static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "unknown error";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.replaceFirst("^(com\\.jcraft\\.jsch\\.|java\\.[a-z.]+\\.)\\w+: ", "");
    }

    /** A command as messages quote it: its first line, shortened, so a multi-line script does not flood a result. */
    static String quoted(String command) {
        String first = command.strip().lines().findFirst().orElse("");
        boolean cut = first.length() > COMMAND_LIMIT || !first.equals(command.strip());
        return "'" + (first.length() > COMMAND_LIMIT ? first.substring(0, COMMAND_LIMIT) : first) + (cut ? " ...'" : "'");
    }

    private static final int COMMAND_LIMIT = 80;

    private static String lower(Throwable e) {
        return e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
