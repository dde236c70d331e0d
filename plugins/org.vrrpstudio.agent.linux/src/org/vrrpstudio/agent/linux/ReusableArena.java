package org.vrrpstudio.agent.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Native scratch memory a socket keeps for its receive loop: {@link #open()} hands out an arena whose allocations are
 * zeroed slices of one block allocated once, and whose {@code close()} only makes the block free again. The agent runs
 * interpreted, where a confined arena with its five allocations and releases per received packet cost more than the
 * system calls (issue 18, idle CPU of a BACKUP). A second concurrent user, or allocations beyond the block, get a
 * confined arena of their own as before.
 */
final class ReusableArena {
    private final long size;
    private final AtomicBoolean inUse = new AtomicBoolean();
    private MemorySegment block; // allocated on first use, in an automatic arena (freed with the socket by the GC)

    ReusableArena(long size) {
        this.size = size;
    }

    /** An arena for one use (try-with-resources). */
    Arena open() {
        if (!inUse.compareAndSet(false, true)) {
            return Arena.ofConfined();
        }
        if (block == null) {
            block = Arena.ofAuto().allocate(size, 16);
        }
        return new Lease();
    }

    private final class Lease implements Arena {
        private long offset;
        private Arena overflow;
        private boolean closed;

        @Override
        public MemorySegment allocate(long byteSize, long byteAlignment) {
            if (closed) {
                throw new IllegalStateException("arena closed");
            }
            long start = (offset + byteAlignment - 1) / byteAlignment * byteAlignment;
            if (byteSize < 0 || start + byteSize > size) {
                if (overflow == null) {
                    overflow = Arena.ofConfined();
                }
                return overflow.allocate(byteSize, byteAlignment);
            }
            offset = start + byteSize;
            return block.asSlice(start, byteSize).fill((byte) 0);
        }

        @Override
        public MemorySegment.Scope scope() {
            return block.scope();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (overflow != null) {
                overflow.close();
            }
            inUse.set(false);
        }
    }
}
