package dev.sandpod.api.database;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The server's own directory ({@code SANDPOD_DATA_DIR}, default {@code ./.sandpod}). One process holds
 * it at a time: an exclusive lock on {@code sandpod.lock} keeps a second instance from sharing its
 * embedded database or generated secrets.
 */
@Singleton
public class DataDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);

    private final Path root;
    private FileChannel lockChannel;
    private FileLock lock;

    public DataDirectory(@Value("${sandpod.data-dir:.sandpod}") String dataDir) {
        this.root = Path.of(dataDir).toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Creates the directory if needed and takes its lock; fails with a clear message when in use. */
    public synchronized Path acquire() {
        if (lock != null) {
            return root;
        }
        try {
            Files.createDirectories(root);
            Path lockFile = root.resolve("sandpod.lock");
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                lockChannel.close();
                throw new DataDirectoryInUseException(root);
            }
            lockChannel.truncate(0);
            lockChannel.write(StandardCharsets.UTF_8.encode(ProcessHandle.current().pid() + "\n"));
            LOG.info("Data directory {}", root);
            return root;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot use data directory " + root + ": " + e.getMessage(), e);
        }
    }

    @PreDestroy
    synchronized void release() throws IOException {
        if (lock != null) {
            lock.release();
            lockChannel.close();
            lock = null;
        }
    }

    /** Thrown when another process already holds the data directory. */
    public static final class DataDirectoryInUseException extends IllegalStateException {
        DataDirectoryInUseException(Path root) {
            super("Data directory " + root + " is in use by another Sandpod process. "
                    + "Stop that process or start this one with a different SANDPOD_DATA_DIR.");
        }
    }
}
