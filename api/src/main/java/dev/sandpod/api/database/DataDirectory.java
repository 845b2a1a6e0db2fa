package dev.sandpod.api.database;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

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

    /**
     * A secret generated once (32 random bytes, hex, in an owner-only file) and kept here, so what it
     * signs stays valid across restarts.
     */
    public String secret(String name) {
        Path file = root.resolve(name);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(root);
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                Path temp = Files.createTempFile(root, name, ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(temp, HexFormat.of().formatHex(secret));
                try {
                    // a link, unlike a rename, never replaces a secret another process wrote first
                    Files.createLink(file, temp);
                } catch (FileAlreadyExistsException raced) {
                    // keep theirs
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the secret " + file, e);
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
