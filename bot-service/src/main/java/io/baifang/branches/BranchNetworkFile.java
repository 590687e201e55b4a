package io.baifang.branches;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads {@code branches.yml}. Validation is done by hand rather than by binding, so that every message
 * names the branch and the field a person has to fix ("branch #3 (JLP005): openingHours.monday …").
 */
final class BranchNetworkFile {

    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{1,31}");
    private static final Pattern HOURS = Pattern.compile("(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})");
    private static final Set<String> BRANCH_FIELDS = Set.of("code", "name", "address", "phone", "district",
            "openingHours", "closedDates", "capacityPerHalfHour", "dailyContactTarget");

    private BranchNetworkFile() {
    }

    static BranchNetwork load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidBranchConfiguration("branch configuration " + file.toAbsolutePath()
                    + " does not exist; set baifang.config-dir (BAIFANG_CONFIG_DIR) to the folder holding branches.yml");
        }
        JsonNode root;
        try {
            root = YAMLMapper.builder().build().readTree(Files.readString(file));
        } catch (IOException | JacksonException e) {
            throw new InvalidBranchConfiguration(file + " is not readable YAML: " + e.getMessage());
        }
        return parse(root, file.toString());
    }

    static BranchNetwork parse(JsonNode root, String source) {
        if (root == null || !root.isObject() || !root.path("branches").isArray() || root.path("branches").isEmpty()) {
            throw new InvalidBranchConfiguration(source + ": expected a non-empty list under 'branches'");
        }
        JsonNode defaults = root.path("defaults");
        List<Branch> branches = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        int index = 0;
        for (JsonNode entry : root.path("branches")) {
            index++;
            String where = source + ": branch #" + index
                    + (entry.path("code").isString() ? " (" + entry.path("code").asString() + ")" : "");
            Branch branch = parseBranch(entry, defaults, where);
            if (!codes.add(branch.code())) {
                throw new InvalidBranchConfiguration(where + ": code " + branch.code() + " appears twice");
            }
            branches.add(branch);
        }
        return new BranchNetwork(branches);
    }

    private static Branch parseBranch(JsonNode entry, JsonNode defaults, String where) {
        if (!entry.isObject()) {
            throw new InvalidBranchConfiguration(where + ": expected a mapping of code, name, address, …");
        }
        for (Iterator<String> names = entry.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            if (!BRANCH_FIELDS.contains(name)) {
                throw new InvalidBranchConfiguration(where + ": unknown field '" + name + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(BRANCH_FIELDS)) + ")");
            }
        }
        String code = required(entry, "code", where);
        if (!CODE.matcher(code).matches()) {
            throw new InvalidBranchConfiguration(where + ": code '" + code
                    + "' must be 2–32 upper-case letters, digits, '-' or '_'");
        }
        String name = required(entry, "name", where);
        JsonNode hours = entry.has("openingHours") ? entry.get("openingHours") : defaults.path("openingHours");
        return new Branch(code, name,
                optional(entry, "address"),
                optional(entry, "phone"),
                optional(entry, "district"),
                openingHours(hours, where),
                closedDates(entry.path("closedDates"), where),
                positive(entry, defaults, "capacityPerHalfHour", where),
                positive(entry, defaults, "dailyContactTarget", where));
    }

    private static Map<DayOfWeek, OpeningHours> openingHours(JsonNode node, String where) {
        if (!node.isObject() || node.isEmpty()) {
            throw new InvalidBranchConfiguration(where + ": openingHours is missing (e.g. daily: \"08:30-17:30\")");
        }
        // groups first, single days after, so "daily" then "sunday: closed" reads as the exception it is
        Map<DayOfWeek, OpeningHours> week = new EnumMap<>(DayOfWeek.class);
        Set<DayOfWeek> closed = new LinkedHashSet<>();
        for (String group : List.of("daily", "weekdays", "weekend")) {
            if (node.has(group)) {
                apply(week, closed, daysOf(group), node.get(group), where + ": openingHours." + group);
            }
        }
        for (Iterator<String> keys = node.propertyNames().iterator(); keys.hasNext(); ) {
            String key = keys.next();
            if (List.of("daily", "weekdays", "weekend").contains(key)) {
                continue;
            }
            DayOfWeek day;
            try {
                day = DayOfWeek.valueOf(key.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidBranchConfiguration(where + ": openingHours." + key
                        + " is not a weekday (use monday…sunday, daily, weekdays or weekend)");
            }
            apply(week, closed, Set.of(day), node.get(key), where + ": openingHours." + key);
        }
        return Map.copyOf(week);
    }

    private static void apply(Map<DayOfWeek, OpeningHours> week, Set<DayOfWeek> closed, Set<DayOfWeek> days,
                              JsonNode value, String where) {
        String text = value.isString() ? value.asString().trim() : "";
        if (text.equalsIgnoreCase("closed")) {
            days.forEach(week::remove);
            closed.addAll(days);
            return;
        }
        Matcher matcher = HOURS.matcher(text);
        if (!matcher.matches()) {
            throw new InvalidBranchConfiguration(where + ": '" + value.asString()
                    + "' is not opening hours like \"08:30-17:30\" or \"closed\"");
        }
        OpeningHours hours;
        try {
            hours = new OpeningHours(time(matcher.group(1)), time(matcher.group(2)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new InvalidBranchConfiguration(where + ": '" + text + "' is not a valid time range ("
                    + e.getMessage() + ")");
        }
        days.forEach(day -> week.put(day, hours));
    }

    private static LocalTime time(String text) {
        return LocalTime.parse(text.length() == 4 ? "0" + text : text);
    }

    private static Set<DayOfWeek> daysOf(String group) {
        return switch (group) {
            case "daily" -> Set.of(DayOfWeek.values());
            case "weekdays" -> Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                    DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
            default -> Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        };
    }

    private static Set<LocalDate> closedDates(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return Set.of();
        }
        if (!node.isArray()) {
            throw new InvalidBranchConfiguration(where + ": closedDates must be a list of dates (YYYY-MM-DD)");
        }
        Set<LocalDate> dates = new HashSet<>();
        for (JsonNode date : node) {
            try {
                dates.add(LocalDate.parse(date.asString().trim()));
            } catch (DateTimeParseException e) {
                throw new InvalidBranchConfiguration(where + ": closedDates entry '" + date.asString()
                        + "' is not a date (YYYY-MM-DD)");
            }
        }
        return Set.copyOf(dates);
    }

    private static int positive(JsonNode entry, JsonNode defaults, String field, String where) {
        JsonNode node = entry.has(field) ? entry.get(field) : defaults.path(field);
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() <= 0) {
            throw new InvalidBranchConfiguration(where + ": " + field + " must be a whole number above 0"
                    + (node.isMissingNode() ? " (missing, and no default given)" : ", not '" + node.asString() + "'"));
        }
        return node.asInt();
    }

    private static String required(JsonNode entry, String field, String where) {
        String value = optional(entry, field);
        if (value == null) {
            throw new InvalidBranchConfiguration(where + ": " + field + " is required");
        }
        return value;
    }

    private static String optional(JsonNode entry, String field) {
        JsonNode node = entry.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        String text = node.asString().trim();
        return text.isEmpty() ? null : text;
    }
}
