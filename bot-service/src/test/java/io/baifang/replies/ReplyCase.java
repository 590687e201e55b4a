package io.baifang.replies;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One labelled reply of a JSONL case file (the shape of {@code shared/nlu/replies-sample.jsonl}). */
record ReplyCase(String id, Reply reply, ReplyUnderstanding expected) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static List<ReplyCase> fromClasspath(String resource) {
        InputStream stream = ReplyCase.class.getResourceAsStream(resource);
        if (stream == null) {
            throw new IllegalStateException("no test resource " + resource);
        }
        List<ReplyCase> cases = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    cases.add(parse(line, resource + ":" + number));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    private static ReplyCase parse(String line, String where) {
        try {
            JsonNode node = JSON.readTree(line);
            Reply reply = new Reply(
                    node.get("text").asString(),
                    OffsetDateTime.parse(node.get("receivedAt").asString()),
                    dateOrNull(node.get("offeredDate")),
                    node.has("hasBooking") && node.get("hasBooking").asBoolean());
            JsonNode expect = node.get("expect");
            ReplyUnderstanding expected = new ReplyUnderstanding(
                    Intent.valueOf(expect.get("intent").asString()),
                    dateOrNull(expect.get("date")),
                    expect.get("time") == null || expect.get("time").isNull() ? null : LocalTime.parse(expect.get("time").asString()),
                    expect.get("partOfDay") == null || expect.get("partOfDay").isNull() ? null
                            : PartOfDay.valueOf(expect.get("partOfDay").asString()));
            return new ReplyCase(node.get("id").asString(), reply, expected);
        } catch (RuntimeException e) {
            throw new IllegalStateException("bad case at " + where + ": " + e.getMessage(), e);
        }
    }

    private static LocalDate dateOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : LocalDate.parse(node.asString());
    }

    @Override
    public String toString() {
        return id + " " + reply.text() + (reply.hasBooking() ? " [booked]" : "");
    }
}
