package org.vrrpstudio.deploy.internal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Collects a command's output up to a limit, so a chatty command cannot exhaust memory. */
final class BoundedOutput extends OutputStream {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final int limit;

    BoundedOutput(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void write(int b) {
        if (buffer.size() < limit) {
            buffer.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int room = limit - buffer.size();
        if (room > 0) {
            buffer.write(b, off, Math.min(room, len));
        }
    }

    synchronized byte[] bytes() {
        return buffer.toByteArray();
    }

    synchronized String text() {
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
