package io.rubrix.model.record;

/** What a prediction or an annotation of every task has: the agent that gave it (a model, or a person). */
public interface Labelling {

    String agent();
}
