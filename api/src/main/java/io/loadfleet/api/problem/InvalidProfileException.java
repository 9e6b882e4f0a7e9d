package io.loadfleet.api.problem;

import java.util.List;
import java.util.stream.Collectors;

/** A LoadProfile that cannot run, with every problem found (not just the first). */
public class InvalidProfileException extends Exception {
    private final transient List<Problem> problems;

    public InvalidProfileException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
