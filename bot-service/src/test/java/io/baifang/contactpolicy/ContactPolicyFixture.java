package io.baifang.contactpolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.UUID;

/** The shipped policy, times on branch clocks, and attempts as the send paths make them. */
final class ContactPolicyFixture {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Path CONFIG_DIR = Path.of("config");

    private ContactPolicyFixture() {
    }

    static ContactPolicySettings shippedPolicy() {
        return ContactPolicyFile.load(CONFIG_DIR);
    }

    static ContactRules shippedRules() {
        return new ContactRules(shippedPolicy());
    }

    static String shippedYaml() {
        try {
            return Files.readString(CONFIG_DIR.resolve(ContactPolicyFile.FILE_NAME));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shipped policy with one piece of its text replaced, e.g. a different weight. */
    static ContactPolicySettings shippedPolicyWith(String original, String replacement) {
        String yaml = shippedYaml();
        if (!yaml.contains(original)) {
            throw new IllegalArgumentException("the shipped policy has no '" + original + "'");
        }
        return ContactPolicyFile.parse(yaml.replace(original, replacement), "test policy");
    }

    /** A local time on branch clocks (Asia/Shanghai), e.g. {@code at("2026-03-02T10:00")}. */
    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    static UUID aCustomer() {
        return UUID.randomUUID();
    }

    static ContactAttempt marketingSms(UUID customer) {
        return ContactAttempt.marketing(customer, Channel.SMS);
    }

    static ContactAttempt staffPhoneCall(UUID customer) {
        return ContactAttempt.marketing(customer, Channel.PHONE);
    }

    static ContactAttempt campaignSms(UUID customer, String campaign, int wave, int priority) {
        return marketingSms(customer).inCampaign(campaign, wave, priority);
    }

    static ContactAttempt aliyunNotification(UUID customer, String templateId) {
        return ContactAttempt.transactional(customer, Channel.SMS).withTemplate(templateId).via("aliyun", "【百访银行】");
    }
}
