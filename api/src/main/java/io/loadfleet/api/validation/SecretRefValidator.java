package io.loadfleet.api.validation;

import io.loadfleet.api.problem.Problem;
import io.loadfleet.api.spec.Limits;
import io.loadfleet.api.spec.S3SecretRef;
import java.util.List;
import java.util.regex.Pattern;

/** Checks the name and keys of a Secret a spec refers to (a sink's credentials, a dataset's S3 keys). */
final class SecretRefValidator {
    private static final Pattern SECRET_NAME = Pattern.compile(Limits.SECRET_NAME_PATTERN);
    private static final Pattern SECRET_KEY = Pattern.compile(Limits.SECRET_KEY_PATTERN);

    private SecretRefValidator() {}

    static void name(List<Problem> problems, String path, String name) {
        if (name == null || name.isEmpty()) {
            problems.add(new Problem(path, "is required: the name of a Secret in the LoadProfile's namespace"));
        } else if (name.length() > Limits.MAX_SECRET_NAME_LENGTH
                || !SECRET_NAME.matcher(name).matches()) {
            problems.add(new Problem(
                    path,
                    "\"" + name + "\" is not a Secret name: use lower-case letters, digits, "
                            + "'-' and '.', starting and ending with a letter or digit"));
        }
    }

    static void key(List<Problem> problems, String path, String key) {
        if (key != null && !SECRET_KEY.matcher(key).matches()) {
            problems.add(
                    new Problem(path, "\"" + key + "\" is not a Secret key: use letters, digits, '-', '_' and '.'"));
        }
    }

    /** An S3 access key pair's Secret at {@code at}: required, with a Secret name and legal keys. */
    static void accessKeyPair(List<Problem> problems, String at, S3SecretRef ref) {
        if (ref == null) {
            problems.add(new Problem(at, "is required: a Secret with accessKeyId and secretAccessKey"));
            return;
        }
        name(problems, at + ".name", ref.getName());
        key(problems, at + ".accessKeyIdKey", ref.getAccessKeyIdKey());
        key(problems, at + ".secretAccessKeyKey", ref.getSecretAccessKeyKey());
    }
}
