package dev.kam.infrastructure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/** Secrets the local infrastructure writes to disk (keys, certificates, passwords): readable by their owner only, PEM where text. */
final class LocalFiles {

    /**
     * Makes {@code file} readable and writable by its owner alone. On a file system without POSIX permissions
     * (Windows) there is nothing to set: its own access control applies, which is not a failure.
     */
    static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException noPosixPermissions) {
            // see above: the file system's own access control applies
        }
    }

    /** DER bytes as a PEM block of {@code type} ("PUBLIC KEY", "PRIVATE KEY"). */
    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private LocalFiles() {
    }
}
