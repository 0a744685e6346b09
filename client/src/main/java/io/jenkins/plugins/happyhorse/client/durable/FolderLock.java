package io.jenkins.plugins.happyhorse.client.durable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive use of a folder for the length of one short change, across threads and processes: a
 * lock in this JVM (file locks are held per process, so two threads of one JVM would otherwise
 * collide) and an OS file lock on the folder's {@code .lock} file for other processes (another
 * command line run, a second controller on the same disk). Held for a write and an fsync, never
 * across a call to a host.
 */
public final class FolderLock {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path lockFile;
    private final ReentrantLock local;

    /** The lock of {@code folder} (which must exist). */
    public FolderLock(Path folder) {
        Path canonical = folder.toAbsolutePath().normalize();
        this.lockFile = canonical.resolve(".lock");
        this.local = IN_PROCESS.computeIfAbsent(canonical, p -> new ReentrantLock());
    }

    /** A held lock; close it to let go. */
    public Held lock() {
        local.lock();
        if (local.getHoldCount() > 1) {
            return new Held(null, null);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.lock();
            return new Held(channel, lock);
        } catch (IOException | RuntimeException e) {
            close(channel);
            local.unlock();
            throw e instanceof IOException io
                    ? new UncheckedIOException("cannot lock " + lockFile, io)
                    : (RuntimeException) e;
        }
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Closing releases the lock; nothing more to do.
            }
        }
    }

    /** A lock being held. */
    public final class Held implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private Held(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() {
            try {
                if (lock != null) {
                    lock.release();
                }
            } catch (IOException e) {
                // Closing the channel below releases it too.
            } finally {
                FolderLock.close(channel);
                local.unlock();
            }
        }
    }
}
