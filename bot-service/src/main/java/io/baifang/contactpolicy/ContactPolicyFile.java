package io.baifang.contactpolicy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads {@code contact-policy.yml} into {@link ContactPolicySettings}, refusing anything doubtful with a
 * message that names the entry: a typo in a cap must stop the service at start-up, not let it over-contact.
 * The file is read as a tree rather than bound to classes so that every message can say exactly where.
 */
public final class ContactPolicyFile {

    public static final String FILE_NAME = "contact-policy.yml";

    private static final Set<String> TOP_LEVEL = Set.of("marketing", "quiet-hours", "provider-limits", "reservations");

    /** Where branch clocks run ({@code baifang.zone}); quiet hours use it unless the file names a zone. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    private final String source;
    private final ZoneId defaultZone;

    private ContactPolicyFile(String source, ZoneId defaultZone) {
        this.source = source;
        this.defaultZone = defaultZone;
    }

    /** Loads {@code <configDir>/contact-policy.yml}; quiet hours default to {@code defaultZone}. */
    public static ContactPolicySettings load(Path configDir, ZoneId defaultZone) {
        Path file = configDir.resolve(FILE_NAME);
        try (InputStream in = Files.newInputStream(file)) {
            return new ContactPolicyFile(file.toString(), defaultZone).read(in);
        } catch (IOException e) {
            throw new InvalidContactPolicyException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static ContactPolicySettings load(Path configDir) {
        return load(configDir, DEFAULT_ZONE);
    }

    /** Parses YAML text; {@code source} names it in messages. */
    public static ContactPolicySettings parse(String yaml, String source) {
        return new ContactPolicyFile(source, DEFAULT_ZONE).read(new ByteArrayInputStream(
                yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private ContactPolicySettings read(InputStream in) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(in);
        } catch (JacksonException e) {
            throw invalid("is not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid("must be a mapping with " + TOP_LEVEL);
        }
        onlyKnownKeys(root, "", TOP_LEVEL);
        JsonNode marketing = required(root, "marketing", "");
        onlyKnownKeys(marketing, "marketing.", Set.of("caps", "campaign-wave", "channel-weights"));
        List<FrequencyCap> caps = caps(marketing);
        CampaignWaveCap wave = campaignWave(required(marketing, "campaign-wave", "marketing."));
        Map<Channel, Integer> weights = channelWeights(marketing.path("channel-weights"), caps);
        QuietHours quietHours = quietHours(required(root, "quiet-hours", ""));
        List<ProviderLimit> providerLimits = providerLimits(root.path("provider-limits"));
        Duration holdGrace = holdGrace(root.path("reservations"), caps);
        Duration holdHorizon = holdHorizon(root.path("reservations"), caps);
        uniqueRuleIds(caps, wave, quietHours, providerLimits);
        return new ContactPolicySettings(caps, wave, weights, quietHours, providerLimits, holdGrace, holdHorizon);
    }

    private List<FrequencyCap> caps(JsonNode marketing) {
        JsonNode list = required(marketing, "caps", "marketing.");
        if (!list.isArray() || list.isEmpty()) {
            throw invalid("marketing.caps must be a non-empty list of {id, max, window}");
        }
        List<FrequencyCap> caps = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : list.values()) {
            String where = "marketing.caps[" + index++ + "]";
            onlyKnownKeys(entry, where + ".", Set.of("id", "max", "window"));
            String id = id(entry, where);
            String named = where + " (" + id + ")";
            caps.add(new FrequencyCap(id, positiveInt(entry, "max", named), positiveDuration(entry, "window", named)));
        }
        return caps;
    }

    private CampaignWaveCap campaignWave(JsonNode node) {
        onlyKnownKeys(node, "marketing.campaign-wave.", Set.of("id", "max"));
        String id = id(node, "marketing.campaign-wave");
        return new CampaignWaveCap(id, positiveInt(node, "max", "marketing.campaign-wave (" + id + ")"));
    }

    private Map<Channel, Integer> channelWeights(JsonNode node, List<FrequencyCap> caps) {
        Map<Channel, Integer> weights = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            weights.put(channel, 1);
        }
        if (node.isMissingNode() || node.isNull()) {
            return weights;
        }
        FrequencyCap smallest = caps.stream().min((a, b) -> Integer.compare(a.max(), b.max())).orElseThrow();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String where = "marketing.channel-weights." + entry.getKey();
            Channel channel;
            try {
                channel = Channel.valueOf(entry.getKey());
            } catch (IllegalArgumentException e) {
                throw invalid(where + ": unknown channel, expected one of " + List.of(Channel.values()));
            }
            JsonNode value = entry.getValue();
            if (!value.isInt() || value.intValue() < 1) {
                throw invalid(where + " must be a whole number ≥ 1, was " + value);
            }
            if (value.intValue() > smallest.max()) {
                throw invalid(where + " = " + value.intValue() + " exceeds cap " + smallest.id() + " (max "
                        + smallest.max() + "): a contact on " + channel + " could never be allowed");
            }
            weights.put(channel, value.intValue());
        }
        return weights;
    }

    private QuietHours quietHours(JsonNode node) {
        onlyKnownKeys(node, "quiet-hours.", Set.of("id", "enabled", "start", "end", "zone"));
        String id = id(node, "quiet-hours");
        String where = "quiet-hours (" + id + ")";
        JsonNode enabled = node.path("enabled");
        if (!enabled.isMissingNode() && !enabled.isBoolean()) {
            throw invalid(where + ".enabled must be true or false, was " + enabled);
        }
        LocalTime start = localTime(node, "start", where);
        LocalTime end = localTime(node, "end", where);
        if (start.equals(end)) {
            throw invalid(where + ": start and end are both " + start + "; disable quiet hours instead");
        }
        String zoneText = text(node, "zone", where, defaultZone.getId());
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            throw invalid(where + ".zone: unknown time zone '" + zoneText + "'");
        }
        return new QuietHours(id, enabled.asBoolean(true), start, end, zone);
    }

    private List<ProviderLimit> providerLimits(JsonNode list) {
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw invalid("provider-limits must be a list of {id, provider, max, window}");
        }
        List<ProviderLimit> limits = new ArrayList<>();
        Set<String> providers = new HashSet<>();
        int index = 0;
        for (JsonNode entry : list.values()) {
            String where = "provider-limits[" + index++ + "]";
            onlyKnownKeys(entry, where + ".", Set.of("id", "provider", "max", "window"));
            String id = id(entry, where);
            String named = where + " (" + id + ")";
            String provider = text(entry, "provider", named, null);
            if (!providers.add(provider)) {
                throw invalid(named + ": provider '" + provider + "' already has a limit");
            }
            limits.add(new ProviderLimit(id, provider, positiveInt(entry, "max", named),
                    positiveDuration(entry, "window", named)));
        }
        return limits;
    }

    private Duration holdGrace(JsonNode reservations, List<FrequencyCap> caps) {
        if (reservations.isMissingNode() || reservations.isNull()) {
            return Duration.ofHours(2);
        }
        onlyKnownKeys(reservations, "reservations.", Set.of("hold-grace", "hold-horizon"));
        if (reservations.path("hold-grace").isMissingNode()) {
            return Duration.ofHours(2);
        }
        Duration grace = duration(reservations, "hold-grace", "reservations");
        Duration longest = caps.stream().map(FrequencyCap::window).max(Duration::compareTo).orElseThrow();
        if (grace.isNegative() || grace.compareTo(longest) > 0) {
            throw invalid("reservations.hold-grace must be between 0 and the longest cap window (" + longest
                    + "), was " + grace);
        }
        return grace;
    }

    /**
     * How far ahead a hold may be placed; by default the longest cap window: a hold planned further ahead could
     * not stand in the way of any contact decided now, so placing it later loses nothing.
     */
    private Duration holdHorizon(JsonNode reservations, List<FrequencyCap> caps) {
        Duration longest = caps.stream().map(FrequencyCap::window).max(Duration::compareTo).orElseThrow();
        if (reservations.isMissingNode() || reservations.isNull() || reservations.path("hold-horizon").isMissingNode()) {
            return longest;
        }
        Duration horizon = duration(reservations, "hold-horizon", "reservations");
        if (horizon.isNegative() || horizon.isZero()) {
            throw invalid("reservations.hold-horizon must be a positive duration, was " + horizon);
        }
        return horizon;
    }

    private void uniqueRuleIds(List<FrequencyCap> caps, CampaignWaveCap wave, QuietHours quietHours,
            List<ProviderLimit> providerLimits) {
        Set<String> seen = new HashSet<>();
        List<String> ids = new ArrayList<>();
        caps.forEach(cap -> ids.add(cap.id()));
        ids.add(wave.id());
        ids.add(quietHours.id());
        providerLimits.forEach(limit -> ids.add(limit.id()));
        for (String id : ids) {
            if (!seen.add(id)) {
                throw invalid("rule id '" + id + "' is used twice; decisions name rules by id, so ids must be unique");
            }
        }
    }

    private String id(JsonNode entry, String where) {
        String id = text(entry, "id", where, null);
        if (!id.matches("[a-z0-9][a-z0-9-]*")) {
            throw invalid(where + ".id '" + id + "' must be lower-case letters, digits and '-'");
        }
        return id;
    }

    private String text(JsonNode entry, String key, String where, String fallback) {
        JsonNode value = entry.path(key);
        if (value.isMissingNode() || value.isNull()) {
            if (fallback != null) {
                return fallback;
            }
            throw invalid(where + " has no " + key);
        }
        if (!value.isString() || value.asString().isBlank()) {
            throw invalid(where + "." + key + " must be a non-blank text, was " + value);
        }
        return value.asString();
    }

    private int positiveInt(JsonNode entry, String key, String where) {
        JsonNode value = required(entry, key, where + ".");
        if (!value.isInt() || value.intValue() < 1) {
            throw invalid(where + "." + key + " must be a whole number ≥ 1, was " + value);
        }
        return value.intValue();
    }

    private Duration positiveDuration(JsonNode entry, String key, String where) {
        Duration duration = duration(entry, key, where);
        if (duration.isZero() || duration.isNegative()) {
            throw invalid(where + "." + key + " must be positive, was " + duration);
        }
        return duration;
    }

    private Duration duration(JsonNode entry, String key, String where) {
        String text = text(entry, key, where, null);
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(where + "." + key + " '" + text + "' is not an ISO-8601 duration such as P1D, P7D or PT24H");
        }
    }

    private LocalTime localTime(JsonNode entry, String key, String where) {
        String text = text(entry, key, where, null);
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(where + "." + key + " '" + text + "' is not a time of day such as 21:00");
        }
    }

    private JsonNode required(JsonNode parent, String key, String prefix) {
        JsonNode value = parent.path(key);
        if (value.isMissingNode() || value.isNull()) {
            throw invalid("missing " + prefix + key);
        }
        return value;
    }

    private void onlyKnownKeys(JsonNode node, String prefix, Set<String> known) {
        if (!node.isObject()) {
            throw invalid(prefix.isEmpty() ? "the file must be a mapping" : prefix.substring(0, prefix.length() - 1)
                    + " must be a mapping of " + known);
        }
        for (String key : node.propertyNames()) {
            if (!known.contains(key)) {
                throw invalid("unknown setting " + prefix + key + " (expected one of " + known + ")");
            }
        }
    }

    private InvalidContactPolicyException invalid(String problem) {
        return new InvalidContactPolicyException(source + ": " + problem);
    }
}
