package io.rubrix.cli.demo;

import java.time.Instant;

/** One message of the SpamAssassin corpus: its group (spam-1, easy-ham-2...), headers of interest and readable body. */
record Mail(String id, String group, String subject, String from, Instant date, String body) {

    boolean spam() {
        return group.startsWith("spam");
    }

    /** The text people read and the model sees: the subject, a blank line, the body. */
    String text() {
        return subject + "\n\n" + body;
    }
}
