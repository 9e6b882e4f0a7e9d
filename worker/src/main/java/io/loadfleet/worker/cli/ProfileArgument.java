package io.loadfleet.worker.cli;

import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.load.InvalidProfileException;
import io.loadfleet.api.load.Problem;
import io.loadfleet.api.load.ProfileLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Loads the PROFILE argument and reports its problems the same way for every command. */
final class ProfileArgument {

    private ProfileArgument() {
    }

    /** The valid profile, or null after printing why it is not. */
    static LoadProfile load(Path file, PrintWriter err) {
        try {
            return ProfileLoader.load(file);
        } catch (InvalidProfileException e) {
            report(file + " is not a valid LoadProfile:", e.problems(), err);
            return null;
        }
    }

    static void report(String headline, List<Problem> problems, PrintWriter err) {
        err.println(headline);
        problems.forEach(p -> err.println("  - " + p));
        err.flush();
    }
}
