package io.loadfleet.worker.secret;

import io.loadfleet.api.spec.SecretFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where this process finds the Secret keys its sink and generator read: DIR/SECRET/KEY, the layout of a Secret
 * volume mounted at DIR/SECRET (what the operator gives each pod). Values are read at connect
 * time, never copied into configuration the process prints or serves.
 */
public final class SecretFiles {
    public static final Path DEFAULT_DIR = Path.of(SecretFile.POD_DIR);

    private final Path dir;

    public SecretFiles(Path dir) {
        this.dir = dir;
    }

    /** The file of a Secret key; a missing one is bad input naming the spec field, the Secret and where it was looked for. */
    public Path require(SecretFile ref) {
        Path file = dir.resolve(ref.secret()).resolve(ref.key());
        if (!Files.isReadable(file)) {
            throw new UnreadableSecretException(ref.field() + ": no readable file " + file + " for key " + ref.key()
                    + " of Secret " + ref.secret() + ": a pod mounts the Secret there; locally, give --secrets-dir DIR "
                    + "holding DIR/" + ref.secret() + "/" + ref.key());
        }
        return file;
    }

    /** A key's value as text, without the line break `kubectl create secret --from-file` keeps from an edited file. */
    public String read(SecretFile ref) {
        Path file = require(ref);
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8);
            return value.endsWith("\r\n")
                    ? value.substring(0, value.length() - 2)
                    : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
        } catch (IOException e) {
            // the path and the kind of failure say it all; no part of the file goes into the message
            throw new UnreadableSecretException(
                    ref.field() + ": cannot read " + file + ": " + e.getClass().getSimpleName());
        }
    }
}
