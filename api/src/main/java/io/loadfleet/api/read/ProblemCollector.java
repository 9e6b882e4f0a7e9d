package io.loadfleet.api.read;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import io.loadfleet.api.problem.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Records type errors (unknown fields, wrong types, unknown enum values) as {@link Problem}s and
 * lets deserialization go on, so one load reports every mistake in the file at once.
 */
final class ProblemCollector extends DeserializationProblemHandler {
    private final List<Problem> problems = new ArrayList<>();

    List<Problem> problems() {
        return problems;
    }

    @Override
    public boolean handleUnknownProperty(
            DeserializationContext ctxt,
            JsonParser p,
            JsonDeserializer<?> deserializer,
            Object beanOrClass,
            String propertyName)
            throws IOException {
        Collection<Object> known = deserializer.getKnownPropertyNames();
        String hint = known == null || known.isEmpty()
                ? ""
                : "; known fields: "
                        + known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
        problems.add(
                new Problem(path(p.getParsingContext()), "unknown field" + suggestion(propertyName, known) + hint));
        p.skipChildren();
        return true;
    }

    @Override
    public Object handleWeirdStringValue(
            DeserializationContext ctxt, Class<?> targetType, String value, String failureMsg) {
        problems.add(new Problem(
                path(ctxt.getParser().getParsingContext()), "\"" + value + "\" is not " + describe(targetType)));
        return null;
    }

    @Override
    public Object handleWeirdNumberValue(
            DeserializationContext ctxt, Class<?> targetType, Number value, String failureMsg) {
        if (targetType.isEnum()) {
            // YAML reads `acks: 1` as a number; accept it when it spells one of the enum's names.
            for (Object constant : targetType.getEnumConstants()) {
                if (jsonName((Enum<?>) constant).equals(value.toString())) {
                    return constant;
                }
            }
        }
        problems.add(
                new Problem(path(ctxt.getParser().getParsingContext()), value + " is not " + describe(targetType)));
        return null;
    }

    @Override
    public Object handleUnexpectedToken(
            DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p, String failureMsg)
            throws IOException {
        // On a list or object the parser has already stepped inside it; the field is one level up.
        JsonStreamContext at = t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT
                ? p.getParsingContext().getParent()
                : p.getParsingContext();
        problems.add(
                new Problem(path(at), "expected " + describe(targetType.getRawClass()) + " but found " + tokenName(t)));
        p.skipChildren();
        return null;
    }

    /** Dotted field path of a parser position, e.g. {@code spec.stages[1].duration}. */
    static String path(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.add(0, "." + c.getCurrentName());
            }
        }
        String joined = String.join("", parts);
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }

    static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of "
                    + java.util.Arrays.stream(type.getEnumConstants())
                            .map(c -> jsonName((Enum<?>) c))
                            .collect(Collectors.joining(", "));
        }
        if (type == Long.class || type == Integer.class || type == long.class || type == int.class) {
            return "a whole number in range for "
                    + (type == Integer.class || type == int.class ? "a 32-bit" : "a 64-bit") + " integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "a map of names to values";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object (" + type.getSimpleName().replace("Spec", "") + ")";
    }

    static String jsonName(Enum<?> constant) {
        try {
            JsonProperty p =
                    constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
            return p != null ? p.value() : constant.name();
        } catch (NoSuchFieldException impossible) {
            return constant.name();
        }
    }

    private static String suggestion(String name, Collection<Object> known) {
        if (known == null) {
            return "";
        }
        String folded = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        for (Object k : known) {
            if (String.valueOf(k).toLowerCase(Locale.ROOT).equals(folded)) {
                return " (did you mean " + k + "?)";
            }
        }
        return "";
    }

    private static String tokenName(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> String.valueOf(t);
        };
    }
}
