package io.rubrix.ingest.rules.match;

/** A rule whose query the matcher cannot parse: it names the rule and says what is wrong, on one line. */
public final class RuleQueryException extends IllegalArgumentException {

    private final String rule;

    RuleQueryException(String rule, String message, Throwable cause) {
        super(message, cause);
        this.rule = rule;
    }

    /** The name of the rule whose query was refused. */
    public String rule() {
        return rule;
    }
}
