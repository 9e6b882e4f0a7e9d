package io.loadfleet.api.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.problem.InvalidProfileException;
import io.loadfleet.api.problem.Problem;
import io.loadfleet.api.validation.ProfileValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Reads a LoadProfile from YAML or JSON (JSON is YAML) and validates it, reporting every problem. */
public final class ProfileLoader {

    private ProfileLoader() {}

    /** The profile in {@code file}, valid, or an exception listing every problem. */
    public static LoadProfile load(Path file) throws InvalidProfileException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidProfileException(List.of(new Problem("", "no such file: " + file)));
        } catch (IOException e) {
            throw new InvalidProfileException(List.of(new Problem("", "cannot read " + file + ": " + e.getMessage())));
        }
        return parse(text);
    }

    /** The profile in {@code text}, valid, or an exception listing every problem. */
    public static LoadProfile parse(String text) throws InvalidProfileException {
        ProblemCollector collector = new ProblemCollector();
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .addHandler(collector);
        JsonNode tree;
        LoadProfile profile;
        try {
            tree = mapper.readTree(text);
        } catch (JsonProcessingException syntax) {
            throw new InvalidProfileException(List.of(new Problem("", "not valid YAML or JSON: " + readable(syntax))));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new InvalidProfileException(List.of(new Problem("", "the file is empty; expected a LoadProfile")));
        }
        try {
            profile = mapper.treeToValue(tree, LoadProfile.class);
        } catch (JsonProcessingException e) {
            List<Problem> problems = new ArrayList<>(collector.problems());
            problems.add(new Problem(pathOf(e), readable(e)));
            throw new InvalidProfileException(problems);
        }
        List<Problem> problems = new ArrayList<>(collector.problems());
        // CustomResource fixes apiVersion/kind from its annotations, so check what the file said.
        problems.addAll(ProfileValidator.validateType(
                tree.path("apiVersion").asText(null), tree.path("kind").asText(null)));
        for (Problem p : ProfileValidator.validate(profile)) {
            // A field that failed to read is already reported; do not also call it missing.
            if (problems.stream()
                    .noneMatch(known ->
                            known.path().equals(p.path()) || known.path().startsWith(p.path() + "."))) {
                problems.add(p);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidProfileException(problems);
        }
        return profile;
    }

    /** A mapper for writing plans and summaries as JSON. */
    public static ObjectMapper json() {
        return JsonMapper.builder().build();
    }

    private static String pathOf(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining())
                    .replaceFirst("^\\.", "");
        }
        if (e instanceof StreamReadException s && s.getProcessor() != null) {
            return ProblemCollector.path(s.getProcessor().getParsingContext());
        }
        return "";
    }

    private static String readable(JsonProcessingException e) {
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return location(e) + "expected " + ProblemCollector.describe(m.getTargetType());
        }
        return location(e) + e.getOriginalMessage().lines().findFirst().orElse("unreadable");
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1
                ? ""
                : "line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ": ";
    }
}
