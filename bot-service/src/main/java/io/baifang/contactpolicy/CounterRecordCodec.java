package io.baifang.contactpolicy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact text a customer's counters take in Redis: a few entries {@code at,weight,priority,hold,waveKey}
 * joined with {@code ;} (milliseconds since the epoch; hold 0 or 1; waveKey empty outside campaigns), and
 * provider submissions as {@code at;at;…}. Caps are small, so this stays a few hundred bytes and one GET.
 */
final class CounterRecordCodec {

    private CounterRecordCodec() {
    }

    static String encode(CountedContact contact) {
        return contact.at().toEpochMilli() + "," + contact.weight() + "," + contact.priority() + ","
                + (contact.hold() ? 1 : 0) + "," + (contact.waveKey() == null ? "" : contact.waveKey());
    }

    static String encodeAll(List<CountedContact> contacts) {
        List<String> entries = new ArrayList<>(contacts.size());
        contacts.forEach(contact -> entries.add(encode(contact)));
        return String.join(";", entries);
    }

    static List<CountedContact> decode(String record) {
        List<CountedContact> contacts = new ArrayList<>();
        if (record == null || record.isEmpty()) {
            return contacts;
        }
        for (String entry : record.split(";")) {
            String[] fields = entry.split(",", 5);
            contacts.add(new CountedContact(Instant.ofEpochMilli(Long.parseLong(fields[0])),
                    Integer.parseInt(fields[1]),
                    fields[4].isEmpty() ? null : fields[4],
                    Integer.parseInt(fields[2]),
                    "1".equals(fields[3])));
        }
        return contacts;
    }

    static String encodeSubmissions(List<ProviderSubmission> submissions) {
        List<String> times = new ArrayList<>(submissions.size());
        submissions.forEach(submission -> times.add(Long.toString(submission.at().toEpochMilli())));
        return String.join(";", times);
    }

    static List<ProviderSubmission> decodeSubmissions(String record, String routeKey) {
        List<ProviderSubmission> submissions = new ArrayList<>();
        if (record == null || record.isEmpty()) {
            return submissions;
        }
        for (String at : record.split(";")) {
            submissions.add(new ProviderSubmission(Instant.ofEpochMilli(Long.parseLong(at)), routeKey));
        }
        return submissions;
    }
}
