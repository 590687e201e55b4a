package io.baifang.campaigns;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.baifang.channels.ChannelKind;

/**
 * {@code POST /api/campaigns} as the client sends it. Bean Validation checks each field alone;
 * {@link CampaignDefinitionCheck} checks them against each other, the templates and the caller's branches.
 */
record CampaignRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull CampaignKind kind,
        @Min(0) @Max(100) Integer priority,
        @Size(max = 100) String templateId,
        @Size(max = 10) List<@Valid @NotNull VariantRequest> variants,
        @Min(0) @Max(90) Integer holdOutPercent,
        @Size(max = 3) List<@NotNull ChannelKind> channels,
        @Valid AudienceRequest audience,
        @Size(max = 20) Map<@NotBlank @Size(max = 64) String, @NotBlank @Size(max = 200) String> variables,
        LocalDate offeredDate,
        @Valid ScheduleRequest schedule,
        OffsetDateTime sendUntil,
        @Min(1) @Max(100_000) Integer ratePerSecond,
        @Valid FollowUpRequest followUp,
        @Valid DailyWindowRequest dailyWindow) {

    /** The hours of each day the campaign sends in, local time ({@code "09:00"}–{@code "18:00"}). */
    record DailyWindowRequest(@NotNull LocalTime from, @NotNull LocalTime to) {
    }

    record VariantRequest(
            @NotBlank @Size(max = 100) String templateId,
            @Size(max = 32) String variant,
            @Min(1) @Max(1000) Integer weight) {
    }

    record AudienceRequest(
            @Size(max = 200) Set<@NotBlank @Size(max = 32) String> branches,
            @Size(max = 50) List<@NotBlank @Size(max = 100) String> tags,
            LocalDate collectedFrom,
            LocalDate collectedTo,
            Boolean consent,
            @Size(max = 5_000) Set<@NotNull UUID> excludedCustomers,
            @Size(max = 20_000) List<@NotBlank @Size(max = 40) String> phones,
            LocalDate lastContactedBefore,
            UUID repliedTo,
            UUID notRepliedTo,
            Boolean hasBooking) {
    }

    /** A second wave, {@code afterDays} after the first, to those who did not reply; the template defaults to the first's. */
    record FollowUpRequest(
            @NotNull @Min(1) @Max(30) Integer afterDays,
            @Size(max = 100) String templateId) {
    }

    record ScheduleRequest(
            OffsetDateTime at,
            Holiday holiday,
            @Min(0) @Max(30) Integer daysBefore,
            LocalTime time) {
    }
}
