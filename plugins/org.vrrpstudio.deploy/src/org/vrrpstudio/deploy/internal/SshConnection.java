package org.vrrpstudio.deploy.internal;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import com.jcraft.jsch.SftpProgressMonitor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployTarget;

/** One authenticated session to a director with its SFTP channel; file operations and remote commands. */
public final class SshConnection implements AutoCloseable {

    private static final int OUTPUT_LIMIT = 64 * 1024;
    private static final int SSH_FX_NO_SUCH_FILE = 2;
    private static final int SSH_FX_OP_UNSUPPORTED = 8;

    private final Session session;
    private final ChannelSftp sftp;
    private final DeployTarget target;
    private final DeployOptions options;
    /** An SFTP call failed on the transport itself (reset, broken pipe): JSch may not have noticed yet. */
    private volatile boolean transportFailed;

    private SshConnection(Session session, ChannelSftp sftp, DeployTarget target, DeployOptions options) {
        this.session = session;
        this.sftp = sftp;
        this.target = target;
        this.options = options;
    }

    static SshConnection open(Session session, DeployTarget target, DeployOptions options) throws RemoteFailure {
        try {
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect(Math.toIntExact(options.connectTimeout().toMillis()));
            return new SshConnection(session, sftp, target, options);
        } catch (JSchException e) {
            session.disconnect();
            throw new RemoteFailure("cannot open SFTP on " + target.address() + ": " + ConnectionMessages.oneLine(e.getMessage()));
        }
    }

    /**
     * Whether this connection can still be used. A transport error ends it at once, before JSch's reader thread marks
     * the session down: otherwise the cleanup after a dropped upload would run over the dead connection.
     */
    public boolean isConnected() {
        return !transportFailed && session.isConnected() && sftp.isConnected();
    }

    /** The file's bytes, or empty when it does not exist. */
    public Optional<byte[]> read(String path) throws RemoteFailure {
        if (target.sudo()) {
            return sudoRead(path);
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            sftp.get(path, out);
            return Optional.of(out.toByteArray());
        } catch (SftpException e) {
            if (e.id == SSH_FX_NO_SUCH_FILE && isConnected()) {
                return Optional.empty();
            }
            throw failure("cannot read " + path, e);
        }
    }

    /** What a path is, without following a symbolic link (lstat). */
    public enum FileKind {
        REGULAR, SYMBOLIC_LINK, OTHER
    }

    /**
     * lstat: empty when the path does not exist. Through {@code sudo -n stat} when the target says so, since the
     * login user may not even see into the config directory (a 0700 /etc/keepalived).
     */
    public Optional<FileKind> lstat(String path) throws RemoteFailure {
        if (target.sudo()) {
            return sudoLstat(path);
        }
        try {
            SftpATTRS attributes = sftp.lstat(path);
            return Optional.of(attributes.isLink() ? FileKind.SYMBOLIC_LINK : attributes.isReg() ? FileKind.REGULAR : FileKind.OTHER);
        } catch (SftpException e) {
            if (e.id == SSH_FX_NO_SUCH_FILE && isConnected()) {
                return Optional.empty();
            }
            throw failure("cannot stat " + path, e);
        }
    }

    public boolean exists(String path) throws RemoteFailure {
        return lstat(path).isPresent();
    }

    private Optional<FileKind> sudoLstat(String path) throws RemoteFailure {
        ExecResult result = execAsIs(target.privileged("if [ -L " + q(path) + " ] || [ -e " + q(path)
                + " ]; then exec stat -c %F -- " + q(path) + "; else exit 3; fi"), new BoundedOutput(OUTPUT_LIMIT));
        if (result.exitCode() == 3) {
            return Optional.empty();
        }
        checked("cannot stat " + path, result);
        String type = result.stdout().strip();
        return Optional.of(type.equals("symbolic link") ? FileKind.SYMBOLIC_LINK
                : type.startsWith("regular") ? FileKind.REGULAR : FileKind.OTHER);
    }

    /**
     * Writes a new file whose permissions are {@code mode} before any content is in it, then checks its size:
     * an upload cut short is an error, never a truncated file that looks fine.
     */
    public void upload(String path, byte[] content, int mode, LongConsumer bytesDone) throws RemoteFailure {
        if (target.sudo()) {
            sudoUpload(path, content, mode, bytesDone);
            return;
        }
        try {
            sftp.put(new ByteArrayInputStream(new byte[0]), path, ChannelSftp.OVERWRITE);
            sftp.chmod(mode, path);
            sftp.put(new ByteArrayInputStream(content), path, new CountingMonitor(bytesDone), ChannelSftp.OVERWRITE);
            long size = sftp.stat(path).getSize();
            if (size != content.length) {
                throw new RemoteFailure("upload of " + path + " incomplete: " + size + " of " + content.length + " bytes arrived");
            }
        } catch (SftpException e) {
            throw failure("cannot upload " + path, e);
        }
    }

    /** Names of the regular files in a directory. */
    public java.util.List<String> regularFiles(String directory) throws RemoteFailure {
        if (target.sudo()) { // NUL-separated: a file name may hold a newline
            ExecResult result = execAsIs(target.privileged("exec find " + q(directory)
                    + " -mindepth 1 -maxdepth 1 -type f -printf '%f\\0'"), new BoundedOutput(OUTPUT_LIMIT));
            checked("cannot list " + directory, result);
            return java.util.Arrays.stream(result.stdout().split("\0")).filter(name -> !name.isEmpty()).toList();
        }
        try {
            java.util.List<String> names = new java.util.ArrayList<>();
            for (ChannelSftp.LsEntry entry : sftp.ls(directory)) {
                if (entry.getAttrs().isReg()) {
                    names.add(entry.getFilename());
                }
            }
            return names;
        } catch (SftpException e) {
            throw failure("cannot list " + directory, e);
        }
    }

    /** Atomic replace (the server's posix-rename extension). */
    public void rename(String from, String to) throws RemoteFailure {
        if (target.sudo()) { // mv within one directory is rename(2): atomic
            sudo("cannot rename " + from + " to " + to, "mv -f -- " + q(from) + " " + q(to));
            return;
        }
        try {
            sftp.rename(from, to);
        } catch (SftpException e) {
            throw failure("cannot rename " + from + " to " + to, e);
        }
    }

    /** A hard link; returns false when the server does not support the extension. */
    public boolean hardlink(String existing, String link) throws RemoteFailure {
        if (target.sudo()) {
            sudo("cannot link " + existing + " to " + link, "ln -- " + q(existing) + " " + q(link));
            return true;
        }
        try {
            sftp.hardlink(existing, link);
            return true;
        } catch (SftpException e) {
            if (e.id == SSH_FX_OP_UNSUPPORTED && isConnected()) {
                return false;
            }
            throw failure("cannot link " + existing + " to " + link, e);
        }
    }

    public void removeIfExists(String path) throws RemoteFailure {
        if (target.sudo()) {
            sudo("cannot remove " + path, "rm -f -- " + q(path));
            return;
        }
        try {
            sftp.rm(path);
        } catch (SftpException e) {
            if (e.id == SSH_FX_NO_SUCH_FILE && isConnected()) {
                return;
            }
            throw failure("cannot remove " + path, e);
        }
    }

    /** Reads a file the login user may not read: {@code sudo -n cat}; exit 3 means it does not exist. */
    private Optional<byte[]> sudoRead(String path) throws RemoteFailure {
        BoundedOutput out = new BoundedOutput(Integer.MAX_VALUE - 8);
        ExecResult result = execAsIs(target.privileged("if [ -e " + q(path) + " ]; then exec cat -- " + q(path)
                + "; else exit 3; fi"), out);
        if (result.exitCode() == 3) {
            return Optional.empty();
        }
        checked("cannot read " + path, result);
        return Optional.of(out.bytes());
    }

    /**
     * Uploads over SFTP into a private directory of the login user ({@code mktemp -d}, 0700, the file 0600 before any
     * content), then {@code sudo -n install}s it as root with {@code mode}; the private directory goes on every path.
     */
    private void sudoUpload(String path, byte[] content, int mode, LongConsumer bytesDone) throws RemoteFailure {
        ExecResult made = execAsIs("umask 077 && mktemp -d", new BoundedOutput(OUTPUT_LIMIT));
        if (!made.succeeded() || made.stdout().isBlank()) {
            throw new RemoteFailure("cannot create a private temp directory on " + target.address() + ": " + made.outputSummary());
        }
        String directory = made.stdout().strip();
        String staged = directory + "/upload";
        try {
            try {
                sftp.put(new ByteArrayInputStream(new byte[0]), staged, ChannelSftp.OVERWRITE);
                sftp.chmod(0600, staged);
                sftp.put(new ByteArrayInputStream(content), staged, new CountingMonitor(bytesDone), ChannelSftp.OVERWRITE);
                long size = sftp.stat(staged).getSize();
                if (size != content.length) {
                    throw new RemoteFailure("upload of " + path + " incomplete: " + size + " of " + content.length + " bytes arrived");
                }
            } catch (SftpException e) {
                throw failure("cannot upload " + path, e);
            }
            sudo("cannot put " + path + " in place", "install -m " + Integer.toOctalString(mode) + " -o 0 -g 0 -- "
                    + q(staged) + " " + q(path));
        } finally {
            if (isConnected()) {
                try {
                    execAsIs("rm -rf -- " + q(directory), new BoundedOutput(OUTPUT_LIMIT));
                } catch (RemoteFailure ignored) {
                    // only the login user's own private directory is left behind
                }
            }
        }
    }

    private void sudo(String action, String command) throws RemoteFailure {
        checked(action, execAsIs(target.privileged(command), new BoundedOutput(OUTPUT_LIMIT)));
    }

    private void checked(String action, ExecResult result) throws RemoteFailure {
        if (sudoWantsPassword(result.stderr())) {
            throw new RemoteFailure(sudoPasswordMessage());
        }
        if (!result.succeeded()) {
            throw new RemoteFailure(action + " (sudo, exit " + result.exitCode() + "): " + result.outputSummary());
        }
    }

    private static String q(String value) {
        return RemoteNames.shellQuote(value);
    }

    /**
     * Runs a command through the login shell (through {@code sudo -n} when the target says so); waits at most the
     * command timeout. A sudo that wants a password is a {@link RemoteFailure} saying so in one line.
     */
    public ExecResult exec(String command) throws RemoteFailure {
        ExecResult result = execAsIs(target.privileged(command), new BoundedOutput(OUTPUT_LIMIT));
        if (target.sudo() && !result.succeeded() && sudoWantsPassword(result.stderr())) {
            throw new RemoteFailure(sudoPasswordMessage());
        }
        return result;
    }

    /** "sudo on HOST wants a password for USER: ..." */
    public String sudoPasswordMessage() {
        return "sudo on " + target.host() + " wants a password for " + target.user() + ": allow the daemon's commands"
                + " without one (NOPASSWD in sudoers) or connect as root";
    }

    public static boolean sudoWantsPassword(String stderr) {
        return stderr.contains("sudo: a password is required") || stderr.contains("sudo: a terminal is required")
                || stderr.contains("sudo: no tty present");
    }

    /**
     * Starts a command that keeps printing (e.g. {@code status --follow --json}) and hands each line of its output to
     * {@code lines} on a thread of its own, until the command ends, the connection drops or the stream is closed.
     * {@code ended} gets the reason when it ends by itself (its stderr, or "ended").
     */
    public AutoCloseable follow(String command, java.util.function.Consumer<String> lines,
            java.util.function.Consumer<String> ended) throws RemoteFailure {
        try {
            ChannelExec channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(target.privileged(command));
            channel.setInputStream(null);
            BoundedOutput err = new BoundedOutput(4096);
            channel.setErrStream(err);
            java.io.InputStream out = channel.getInputStream();
            channel.connect(Math.toIntExact(options.connectTimeout().toMillis()));
            Thread reader = Thread.ofVirtual().name("follow " + target.director()).start(() -> {
                try (java.io.BufferedReader in = new java.io.BufferedReader(
                        new java.io.InputStreamReader(out, java.nio.charset.StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.accept(line);
                    }
                } catch (java.io.IOException e) {
                    // the channel was closed
                }
                String why = err.text().strip();
                ended.accept(target.sudo() && sudoWantsPassword(why) ? sudoPasswordMessage()
                        : why.isEmpty() ? "ended" : ConnectionMessages.oneLine(why));
            });
            return () -> {
                channel.disconnect();
                reader.interrupt();
            };
        } catch (JSchException | java.io.IOException e) {
            throw new RemoteFailure("cannot run " + ConnectionMessages.quoted(command) + " on " + target.address() + ": "
                    + (session.isConnected() ? ConnectionMessages.oneLine(e.getMessage()) : "connection lost"));
        }
    }

    private ExecResult execAsIs(String command, BoundedOutput out) throws RemoteFailure {
        ChannelExec channel = null;
        try {
            channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(command);
            channel.setInputStream(null);
            BoundedOutput err = new BoundedOutput(OUTPUT_LIMIT);
            channel.setOutputStream(out);
            channel.setErrStream(err);
            channel.connect(Math.toIntExact(options.connectTimeout().toMillis()));
            long deadline = System.nanoTime() + options.commandTimeout().toNanos();
            while (!channel.isClosed()) {
                if (!session.isConnected()) {
                    throw new RemoteFailure("connection lost while running " + ConnectionMessages.quoted(command));
                }
                if (System.nanoTime() > deadline) {
                    throw new RemoteFailure(ConnectionMessages.quoted(command) + " did not finish within " + seconds(options.commandTimeout()));
                }
                Thread.sleep(5);
            }
            int exit = channel.getExitStatus();
            if (exit < 0) {
                throw new RemoteFailure(session.isConnected() ? ConnectionMessages.quoted(command) + " ended without an exit status (killed?)"
                        : "connection lost while running " + ConnectionMessages.quoted(command));
            }
            return new ExecResult(exit, out.text(), err.text());
        } catch (JSchException e) {
            throw new RemoteFailure("cannot run " + ConnectionMessages.quoted(command) + " on " + target.address() + ": "
                    + (session.isConnected() ? ConnectionMessages.oneLine(e.getMessage()) : "connection lost"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteFailure("interrupted while running " + ConnectionMessages.quoted(command));
        } finally {
            if (channel != null) {
                channel.disconnect();
            }
        }
    }

    @Override
    public void close() {
        sftp.disconnect();
        session.disconnect();
    }

    private RemoteFailure failure(String action, SftpException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof java.io.IOException) { // a status from the server has no cause; I/O trouble does
                transportFailed = true;
            }
        }
        return new RemoteFailure(ConnectionMessages.sftpFailure(action, e, isConnected()));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static final class CountingMonitor implements SftpProgressMonitor {
        private final LongConsumer bytesDone;
        private long total;

        CountingMonitor(LongConsumer bytesDone) {
            this.bytesDone = bytesDone;
        }

        @Override
        public void init(int op, String src, String dest, long max) {
        }

        @Override
        public boolean count(long count) {
            total += count;
            bytesDone.accept(total);
            return true;
        }

        @Override
        public void end() {
        }
    }
}
