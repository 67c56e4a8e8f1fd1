package io.rubrix.annotation.comment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.validation.Limits;

/**
 * The body of a comment: its text. Anything else is ignored, an {@code agent} above all: the author is the caller.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record CommentRequest(@JsonProperty("text") String text) {

    /** The text trimmed, or a 400 naming {@code text} when it is missing, blank or longer than the limit. */
    public String requireText() {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            throw ApiException.badRequest("text", "is required: the comment, at least one character");
        }
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length > Limits.COMMENT_LENGTH) {
            throw ApiException.badRequest("text",
                    "is " + length + " characters long; a comment has at most " + Limits.COMMENT_LENGTH);
        }
        return trimmed;
    }
}
