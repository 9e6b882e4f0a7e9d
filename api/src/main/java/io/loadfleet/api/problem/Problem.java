package io.loadfleet.api.problem;

/** One thing wrong with a LoadProfile: the field's path and what is allowed. */
public record Problem(String path, String message) {

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
