package dev.newsflow.processor.parse;

import dev.newsflow.avro.DeadLetter;
import dev.newsflow.avro.ParsedPage;

/** Result of the parse stage for one raw record. */
public sealed interface ParseOutcome {

    record Parsed(ParsedPage page) implements ParseOutcome {
    }

    record Failed(DeadLetter deadLetter) implements ParseOutcome {
    }
}
