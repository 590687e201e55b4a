package io.baifang.contactpolicy;

import static io.baifang.contactpolicy.ContactPolicyFixture.shippedPolicy;
import static io.baifang.contactpolicy.ContactPolicyFixture.shippedYaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContactPolicyFileTests {

    @Test
    void theShippedPolicyCapsMarketingAtOneADayTwoAWeekAndFourInThirtyDays() {
        ContactPolicySettings policy = shippedPolicy();

        assertThat(policy.caps()).containsExactly(
                new FrequencyCap("marketing-1d", 1, Duration.ofDays(1)),
                new FrequencyCap("marketing-7d", 2, Duration.ofDays(7)),
                new FrequencyCap("marketing-30d", 4, Duration.ofDays(30)));
        assertThat(policy.campaignWave()).isEqualTo(new CampaignWaveCap("campaign-wave", 1));
        assertThat(policy.quietHours()).isEqualTo(new QuietHours("quiet-hours", true, LocalTime.of(21, 0),
                LocalTime.of(8, 0), ZoneId.of("Asia/Shanghai")));
        assertThat(policy.providerLimits()).containsExactly(
                new ProviderLimit("provider-aliyun-24h", "aliyun", 50, Duration.ofHours(24)));
        assertThat(policy.weightOf(Channel.PHONE)).isEqualTo(1);
        assertThat(policy.holdGrace()).isEqualTo(Duration.ofHours(2));
        assertThat(policy.holdHorizon()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void quietHoursFollowTheBranchZoneUnlessTheFileNamesOne() {
        ContactPolicySettings policy = ContactPolicyFile.load(ContactPolicyFixture.CONFIG_DIR, ZoneId.of("Asia/Urumqi"));

        assertThat(policy.quietHours().zone()).isEqualTo(ZoneId.of("Asia/Urumqi"));
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
            "window: P7D|window: 7 days|marketing.caps[1] (marketing-7d).window '7 days' is not an ISO-8601 duration",
            "max: 4|max: 0|marketing.caps[2] (marketing-30d).max must be a whole number ≥ 1, was 0",
            "PHONE: 1|PHONE: 2|marketing.channel-weights.PHONE = 2 exceeds cap marketing-1d (max 1)",
            "VISIT: 1|VISTI: 1|marketing.channel-weights.VISTI: unknown channel",
            "id: marketing-30d|id: marketing-7d|rule id 'marketing-7d' is used twice",
            "start: \"21:00\"|start: \"9pm\"|quiet-hours (quiet-hours).start '9pm' is not a time of day",
            "start: \"21:00\"|start: \"08:00\"|quiet-hours (quiet-hours): start and end are both 08:00",
            "# zone: Asia/Shanghai|zone: Asia/Beijing|quiet-hours (quiet-hours).zone: unknown time zone 'Asia/Beijing'",
            "hold-grace: PT2H|hold-grace: P40D|reservations.hold-grace must be between 0 and the longest cap window",
            "hold-grace: PT2H|hold-gracе: PT2H|unknown setting reservations.hold-gracе",
            "hold-horizon: P30D|hold-horizon: PT0S|reservations.hold-horizon must be a positive duration, was PT0S",
            "provider: aliyun|provider: ''|provider-limits[0] (provider-aliyun-24h).provider must be a non-blank text"})
    void refusesABadEntryNamingIt(String original, String replacement, String message) {
        String yaml = shippedYaml().replace(original, replacement);

        assertThatThrownBy(() -> ContactPolicyFile.parse(yaml, "contact-policy.yml"))
                .isInstanceOf(InvalidContactPolicyException.class)
                .hasMessageStartingWith("contact-policy.yml: " + message);
    }

    @Test
    void refusesAPolicyWithoutCaps() {
        assertThatThrownBy(() -> ContactPolicyFile.parse("quiet-hours: {id: q, start: '21:00', end: '08:00'}\n", "p.yml"))
                .isInstanceOf(InvalidContactPolicyException.class)
                .hasMessage("p.yml: missing marketing");
    }

    @Test
    void refusesAMissingFileNamingIt() {
        assertThatThrownBy(() -> ContactPolicyFile.load(java.nio.file.Path.of("no-such-dir")))
                .isInstanceOf(InvalidContactPolicyException.class)
                .hasMessageContaining("no-such-dir/contact-policy.yml");
    }
}
