package io.baifang.campaigns;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.baifang.branches.BranchNetwork;
import io.baifang.campaigns.CampaignRequest.AudienceRequest;
import io.baifang.campaigns.CampaignRequest.ScheduleRequest;
import io.baifang.campaigns.CampaignRequest.VariantRequest;
import io.baifang.channels.ChannelKind;
import io.baifang.security.StaffMember;
import io.baifang.shared.PhoneNumbers;
import io.baifang.templates.CustomerVariables;
import io.baifang.templates.MessageChannel;
import io.baifang.templates.MessageTemplate;
import io.baifang.templates.MessageTemplates;
import io.baifang.templates.TemplateVariable;
import io.baifang.templates.TemplateVariant;

/**
 * Checks a campaign request against itself, the templates, the branch network and the caller's branches,
 * and answers the definition to store or every field error at once (so one round of fixes is enough).
 * Plain Java: the time is given.
 */
final class CampaignDefinitionCheck {

    static final int DEFAULT_PRIORITY = 5;
    static final int DEFAULT_RATE_PER_SECOND = 50;

    /** Variables a campaign fills from the customer and their branch, whatever the request gives. */
    private static final Set<String> FROM_THE_CUSTOMER = Set.of(CustomerVariables.CUSTOMER_NAME,
            CustomerVariables.VILLAGE, CustomerVariables.BRANCH_NAME, CustomerVariables.BRANCH_ADDRESS,
            CustomerVariables.BRANCH_PHONE);

    private final MessageTemplates templates;
    private final BranchNetwork branches;
    private final ZoneId zone;

    CampaignDefinitionCheck(MessageTemplates templates, BranchNetwork branches, ZoneId zone) {
        this.templates = templates;
        this.branches = branches;
        this.zone = zone;
    }

    sealed interface Checked {

        record Valid(CampaignDefinition definition) implements Checked {
        }

        record Invalid(List<FieldError> errors) implements Checked {
        }
    }

    Checked check(CampaignRequest request, StaffMember caller, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        List<ChannelKind> channels = request.channels() == null || request.channels().isEmpty()
                ? List.of(ChannelKind.SMS) : List.copyOf(new LinkedHashSet<>(request.channels()));
        List<Variant> variants = variants(request, channels, errors);
        LocalDate today = now.atZone(zone).toLocalDate();
        checkVariables(request, variants, errors);
        if (request.offeredDate() != null && request.offeredDate().isBefore(today)) {
            errors.add(new FieldError("offeredDate", "is in the past (today is " + today + ")"));
        }
        CampaignSchedule schedule = schedule(request.schedule(), now, errors);
        if (request.sendUntil() != null && !request.sendUntil().toInstant().isAfter(now)) {
            errors.add(new FieldError("sendUntil", "is in the past"));
        }
        Audience audience = audience(request.audience(), caller, errors);
        CampaignDefinition.FollowUp followUp = followUp(request, variants, channels, errors);
        DailyWindow dailyWindow = dailyWindow(request.dailyWindow(), errors);
        if (!errors.isEmpty()) {
            return new Checked.Invalid(errors.stream().distinct().toList());
        }
        return new Checked.Valid(new CampaignDefinition(request.name().strip(), request.kind(),
                request.priority() == null ? DEFAULT_PRIORITY : request.priority(), variants,
                request.holdOutPercent() == null ? 0 : request.holdOutPercent(), channels, audience,
                request.variables(), request.offeredDate(), schedule, request.sendUntil(),
                request.ratePerSecond() == null ? DEFAULT_RATE_PER_SECOND : request.ratePerSecond(), followUp,
                dailyWindow));
    }

    private static DailyWindow dailyWindow(CampaignRequest.DailyWindowRequest asked, List<FieldError> errors) {
        if (asked == null) {
            return null;
        }
        if (asked.from().equals(asked.to())) {
            errors.add(new FieldError("dailyWindow.to", "is the same time as dailyWindow.from"));
            return null;
        }
        return new DailyWindow(asked.from(), asked.to());
    }

    private CampaignDefinition.FollowUp followUp(CampaignRequest request, List<Variant> firstWave,
                                                 List<ChannelKind> channels, List<FieldError> errors) {
        CampaignRequest.FollowUpRequest asked = request.followUp();
        if (asked == null) {
            return null;
        }
        if (asked.templateId() == null || asked.templateId().isBlank()) {
            return new CampaignDefinition.FollowUp(asked.afterDays(), firstWave);
        }
        List<Variant> variants = template("followUp.templateId", asked.templateId().strip(), channels, errors)
                .map(CampaignDefinitionCheck::ownVariants)
                .orElse(List.of());
        checkVariables(request, variants, errors);
        return new CampaignDefinition.FollowUp(asked.afterDays(), variants);
    }

    // --- the template or the variants

    private List<Variant> variants(CampaignRequest request, List<ChannelKind> channels, List<FieldError> errors) {
        boolean hasTemplate = request.templateId() != null && !request.templateId().isBlank();
        boolean hasVariants = request.variants() != null && !request.variants().isEmpty();
        if (hasTemplate == hasVariants) {
            errors.add(new FieldError("templateId", hasTemplate
                    ? "give a templateId or variants, not both"
                    : "give a templateId, or weighted variants"));
            return List.of();
        }
        if (hasTemplate) {
            return template("templateId", request.templateId().strip(), channels, errors)
                    .map(CampaignDefinitionCheck::ownVariants)
                    .orElse(List.of());
        }
        List<Variant> variants = new ArrayList<>();
        for (int i = 0; i < request.variants().size(); i++) {
            VariantRequest asked = request.variants().get(i);
            String field = "variants[" + i + "]";
            template(field + ".templateId", asked.templateId().strip(), channels, errors)
                    .flatMap(template -> variantOf(template, asked, field, errors))
                    .ifPresent(variants::add);
        }
        return variants;
    }

    private static List<Variant> ownVariants(MessageTemplate template) {
        if (template.variants().size() == 1) {
            return List.of(new Variant(template.id(), null, 1));
        }
        return template.variants().stream()
                .map(variant -> new Variant(template.id(), variant.id(), Math.max(1, variant.weight())))
                .toList();
    }

    private static Optional<Variant> variantOf(MessageTemplate template, VariantRequest asked, String field,
                                               List<FieldError> errors) {
        int weight = asked.weight() == null ? 1 : asked.weight();
        if (asked.variant() == null || asked.variant().isBlank()) {
            return Optional.of(new Variant(template.id(), template.variants().size() == 1 ? null
                    : template.variants().get(0).id(), weight));
        }
        String id = asked.variant().strip();
        if (template.variant(id).isEmpty()) {
            errors.add(new FieldError(field + ".variant", "template " + template.id() + " has no variant '" + id
                    + "' (it has " + String.join(", ", template.variants().stream().map(TemplateVariant::id).toList())
                    + ")"));
            return Optional.empty();
        }
        return Optional.of(new Variant(template.id(), id, weight));
    }

    private Optional<MessageTemplate> template(String field, String id, List<ChannelKind> channels,
                                               List<FieldError> errors) {
        Optional<MessageTemplate> found = templates.find(id);
        if (found.isEmpty()) {
            errors.add(new FieldError(field, "no template '" + id + "'"));
            return Optional.empty();
        }
        MessageTemplate template = found.get();
        if (!template.category().isMarketing()) {
            errors.add(new FieldError(field, "campaigns send marketing templates; '" + id + "' is transactional"));
            return Optional.empty();
        }
        boolean offersOne = channels.stream()
                .anyMatch(kind -> template.offers(MessageChannel.valueOf(kind.name())));
        if (!offersOne) {
            errors.add(new FieldError("channels", "template " + id + " is for "
                    + String.join(", ", template.channels().stream().map(Enum::name).toList()) + ", none of "
                    + channels));
            return Optional.empty();
        }
        return found;
    }

    /** Every variable a variant needs must come from the customer, the offered date or the request. */
    private void checkVariables(CampaignRequest request, List<Variant> variants, List<FieldError> errors) {
        Map<String, String> given = request.variables() == null ? Map.of() : request.variables();
        Set<String> missing = new TreeSet<>();
        for (Variant variant : variants) {
            templates.find(variant.templateId()).ifPresent(template -> template.variables().stream()
                    .map(TemplateVariable::name)
                    .filter(name -> !FROM_THE_CUSTOMER.contains(name))
                    .filter(name -> !(CampaignDefinition.OFFERED_DAY.equals(name) && request.offeredDate() != null))
                    .filter(name -> !given.containsKey(name))
                    .forEach(missing::add));
        }
        for (String name : missing) {
            errors.add(new FieldError(CampaignDefinition.OFFERED_DAY.equals(name) ? "offeredDate" : "variables." + name,
                    CampaignDefinition.OFFERED_DAY.equals(name)
                            ? "the template offers a day ({{offeredDay}}): give the visit date"
                            : "the template needs {{" + name + "}}: give its value"));
        }
    }

    // --- schedule and audience

    private CampaignSchedule schedule(ScheduleRequest asked, Instant now, List<FieldError> errors) {
        if (asked == null) {
            return null;
        }
        if ((asked.at() == null) == (asked.holiday() == null)) {
            errors.add(new FieldError("schedule", "give either a time (at) or a holiday"));
            return null;
        }
        if (asked.at() != null && (asked.daysBefore() != null || asked.time() != null)) {
            errors.add(new FieldError("schedule", "daysBefore and time go with a holiday, not with at"));
            return null;
        }
        if (asked.at() != null && asked.at().toInstant().isBefore(now)) {
            errors.add(new FieldError("schedule.at", "is in the past"));
            return null;
        }
        return new CampaignSchedule(asked.at(), asked.holiday(), asked.daysBefore(), asked.time());
    }

    private Audience audience(AudienceRequest asked, StaffMember caller, List<FieldError> errors) {
        AudienceRequest audience = asked != null ? asked
                : new AudienceRequest(null, null, null, null, null, null, null, null, null, null, null);
        Set<String> branchCodes = new TreeSet<>();
        if (audience.branches() != null) {
            for (String code : audience.branches()) {
                String branch = code.strip();
                if (!branches.exists(branch)) {
                    errors.add(new FieldError("audience.branches", "no branch " + branch));
                } else if (!caller.mayAccess(branch)) {
                    errors.add(new FieldError("audience.branches", branch + " is not one of your branches"));
                } else {
                    branchCodes.add(branch);
                }
            }
        }
        if (branchCodes.isEmpty() && !caller.seesAllBranches()) {
            branchCodes.addAll(caller.branches());
        }
        if (audience.collectedFrom() != null && audience.collectedTo() != null
                && audience.collectedFrom().isAfter(audience.collectedTo())) {
            errors.add(new FieldError("audience.collectedTo", "is before collectedFrom"));
        }
        List<String> phones = new ArrayList<>();
        if (audience.phones() != null) {
            for (int i = 0; i < audience.phones().size(); i++) {
                Optional<String> e164 = PhoneNumbers.mobileE164(audience.phones().get(i));
                if (e164.isEmpty()) {
                    errors.add(new FieldError("audience.phones[" + i + "]", "is not a mobile number"));
                } else {
                    phones.add(e164.get());
                }
            }
        }
        List<String> tags = audience.tags() == null ? List.of()
                : audience.tags().stream().map(String::strip).distinct().toList();
        if (audience.repliedTo() != null && audience.repliedTo().equals(audience.notRepliedTo())) {
            errors.add(new FieldError("audience.notRepliedTo", "is the same campaign as repliedTo"));
        }
        return new Audience(branchCodes, tags, audience.collectedFrom(), audience.collectedTo(), audience.consent(),
                audience.excludedCustomers(), phones, audience.lastContactedBefore(), audience.repliedTo(),
                audience.notRepliedTo(), audience.hasBooking());
    }
}
