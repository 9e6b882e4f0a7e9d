package io.loadfleet.worker.generate;

import io.loadfleet.api.schema.RegexSubset;
import java.util.random.RandomGenerator;
import org.apache.avro.util.Utf8;

/** Writes random strings matching a parsed {@link RegexSubset} pattern. One per generator: not thread-safe. */
final class RegexWriter {
    private final RegexSubset.Node tree;
    private final StringBuilder text = new StringBuilder();

    RegexWriter(RegexSubset.Node tree) {
        this.tree = tree;
    }

    Utf8 write(RandomGenerator random) {
        text.setLength(0);
        append(tree, random);
        return new Utf8(text.toString());
    }

    private void append(RegexSubset.Node node, RandomGenerator random) {
        if (node instanceof RegexSubset.Chars chars) {
            text.append(chars.choices().charAt(random.nextInt(chars.choices().length())));
        } else if (node instanceof RegexSubset.Sequence sequence) {
            for (RegexSubset.Node part : sequence.parts()) {
                append(part, random);
            }
        } else if (node instanceof RegexSubset.Choice choice) {
            append(
                    choice.alternatives()
                            .get(random.nextInt(choice.alternatives().size())),
                    random);
        } else if (node instanceof RegexSubset.Repeat repeat) {
            int times = repeat.min() + random.nextInt(repeat.max() - repeat.min() + 1);
            for (int i = 0; i < times; i++) {
                append(repeat.node(), random);
            }
        }
    }
}
