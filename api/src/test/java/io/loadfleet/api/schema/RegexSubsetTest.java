package io.loadfleet.api.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegexSubsetTest {

    @Test
    void parsesClassesQuantifiersGroupsAndAlternatives() {
        RegexSubset.Node tree = RegexSubset.parse("^[A-C]{2}-(x|yz)?\\d+$");
        RegexSubset.Sequence seq = (RegexSubset.Sequence) tree;
        assertEquals(
                new RegexSubset.Repeat(new RegexSubset.Chars("ABC"), 2, 2),
                seq.parts().get(0));
        assertEquals(new RegexSubset.Chars("-"), seq.parts().get(1));
        assertEquals(
                new RegexSubset.Repeat(
                        new RegexSubset.Choice(List.of(
                                new RegexSubset.Chars("x"),
                                new RegexSubset.Sequence(
                                        List.of(new RegexSubset.Chars("y"), new RegexSubset.Chars("z"))))),
                        0,
                        1),
                seq.parts().get(2));
        assertEquals(
                new RegexSubset.Repeat(new RegexSubset.Chars("0123456789"), 1, 1 + RegexSubset.UNBOUNDED_EXTRA),
                seq.parts().get(3));
    }

    @Test
    void escapedPunctuationAndClassMembersAreLiterals() {
        assertEquals(new RegexSubset.Chars("."), RegexSubset.parse("\\."));
        assertEquals(new RegexSubset.Chars("a_-"), RegexSubset.parse("[a_-]"));
        assertEquals(
                new RegexSubset.Repeat(new RegexSubset.Chars("ab"), 3, 3 + RegexSubset.UNBOUNDED_EXTRA),
                RegexSubset.parse("[ab]{3,}"));
        assertEquals(new RegexSubset.Repeat(new RegexSubset.Chars("a"), 2, 5), RegexSubset.parse("a{2,5}"));
        assertEquals(new RegexSubset.Chars("!\"#$%&'()*+,-./"), RegexSubset.parse("[!-\\/]"), "an escaped range end");
        assertEquals(new RegexSubset.Chars("x0123456789"), RegexSubset.parse("[x\\d]"));
    }

    @Test
    void maxLengthMultipliesNestedQuantifiers() {
        assertEquals(8, RegexSubset.maxLength(RegexSubset.parse("[A-Z]{3}-\\d{4}")));
        assertEquals(1_000_000, RegexSubset.maxLength(RegexSubset.parse("(.{1000}){1000}")));
        assertEquals(3, RegexSubset.maxLength(RegexSubset.parse("a|bcd")));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "[^a]|negated classes",
                "(?=a)|look-arounds",
                "a{5,2}|is not {n}, {n,} or {n,m}",
                "a+?|lazy and possessive",
                "\\p{L}|\\p is not supported",
                "(ab|missing ')'",
                "ab)|unbalanced ')'",
                "*a|repeats nothing",
                "a{2000}|at most 1000",
                "[z-a]|runs backwards",
                "a{-1}|is not a repeat count",
                "[a-\\d]|a range cannot end in a class"
            })
    void refusesWhatItCannotGenerateSayingWhere(String pattern, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegexSubset.parse(pattern));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().startsWith("at character "), e.getMessage());
    }
}
