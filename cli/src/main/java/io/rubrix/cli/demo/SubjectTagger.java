package io.rubrix.cli.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.rubrix.model.record.token.EntitySpan;

/**
 * A rule-based tagger for mail subjects, the demo's token-classification model: amounts of money, percentages,
 * web addresses, e-mail addresses and phone numbers, each one token.
 */
final class SubjectTagger {

    static final Pattern TOKEN = Pattern.compile("https?://\\S+|www\\.\\S+|[\\w$%@.+'/-]+|[^\\w\\s]");
    private static final Map<String, Pattern> RULES = Map.of(
            "MONEY", Pattern.compile("^\\$\\d[\\d,]*(\\.\\d+)?[kKmM]?$|^\\d[\\d,]*(\\.\\d+)?\\$$"),
            "PERCENT", Pattern.compile("^\\d+(\\.\\d+)?%$"),
            "URL", Pattern.compile("^(https?://|www\\.).+|^[\\w-]+(\\.[\\w-]+)*\\.(com|net|org|biz|info)$", Pattern.CASE_INSENSITIVE),
            "EMAIL", Pattern.compile("^[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+$"),
            "PHONE", Pattern.compile("^\\d{3}-\\d{3}-\\d{4}$|^1-8\\d\\d-\\d{3}-\\d{4}$"));

    record Tagged(List<String> tokens, List<EntitySpan> entities) {
    }

    static Tagged tag(String text) {
        List<String> tokens = new ArrayList<>();
        List<EntitySpan> entities = new ArrayList<>();
        Matcher token = TOKEN.matcher(text);
        while (token.find()) {
            String value = token.group().replaceAll("[.,;:!?)]+$", "");
            if (value.isEmpty()) {
                value = token.group();
            }
            tokens.add(value);
            for (Map.Entry<String, Pattern> rule : RULES.entrySet()) {
                if (rule.getValue().matcher(value).matches()) {
                    entities.add(new EntitySpan(token.start(), token.start() + value.length(), rule.getKey()));
                    break;
                }
            }
            if (!value.equals(token.group())) {
                String rest = token.group().substring(value.length());
                for (char c : rest.toCharArray()) {
                    tokens.add(String.valueOf(c));
                }
            }
        }
        return new Tagged(tokens, entities);
    }
}
