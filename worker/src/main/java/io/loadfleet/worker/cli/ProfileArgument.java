package io.loadfleet.worker.cli;

import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.problem.InvalidProfileException;
import io.loadfleet.api.problem.Problem;
import io.loadfleet.api.read.ProfileLoader;
import io.loadfleet.api.spec.DatasetSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Loads the PROFILE argument and reports its problems the same way for every command. */
final class ProfileArgument {

    private ProfileArgument() {}

    /**
     * The valid profile, or null after printing why it is not. A relative dataset path is taken from
     * the profile's directory, so a profile and its data travel together.
     */
    static LoadProfile load(Path file, PrintWriter err) {
        try {
            LoadProfile profile = ProfileLoader.load(file);
            DatasetSpec dataset = profile.getSpec().getGenerator().getDataset();
            if (dataset != null
                    && dataset.getPath() != null
                    && !Path.of(dataset.getPath()).isAbsolute()) {
                dataset.setPath(file.toAbsolutePath()
                        .resolveSibling(dataset.getPath())
                        .normalize()
                        .toString());
            }
            return profile;
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
