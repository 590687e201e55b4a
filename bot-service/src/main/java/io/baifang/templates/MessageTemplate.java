package io.baifang.templates;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

import io.baifang.shared.WeightedShares;

/**
 * A scripted message as loaded from {@code templates/<id>.yml}.
 *
 * @param id        stable id other modules and campaigns refer to
 * @param name      what staff see
 * @param category  marketing (gets the opt-out line) or transactional
 * @param channels  the channels it may be sent on
 * @param variables the variables it declares; every variant uses only these, and each is used by some variant
 * @param variants  at least one; the first is the one used when no variant is asked for
 */
public record MessageTemplate(
        String id,
        String name,
        TemplateCategory category,
        List<MessageChannel> channels,
        List<TemplateVariable> variables,
        List<TemplateVariant> variants) {

    public MessageTemplate {
        channels = List.copyOf(channels);
        variables = List.copyOf(variables);
        variants = List.copyOf(variants);
    }

    /** The variant with that id; {@code null} means the first one. */
    public Optional<TemplateVariant> variant(String variantId) {
        if (variantId == null) {
            return Optional.of(variants.get(0));
        }
        return variants.stream().filter(variant -> variant.id().equals(variantId)).findFirst();
    }

    /**
     * The variant one recipient gets when the template is split A/B: chosen by weight, and always the same for
     * the same recipient and template (a hash of both, not a random draw), so a resend, a preview and a campaign
     * agree, and each variant's share of a large audience is its weight's share.
     *
     * @param recipientKey what identifies the recipient, e.g. the customer's id
     */
    public TemplateVariant variantFor(String recipientKey) {
        if (variants.size() == 1) {
            return variants.get(0);
        }
        return WeightedShares.pick(variants, TemplateVariant::weight, stableHash(id + "\u0000" + recipientKey));
    }

    /** The first 64 bits of SHA-256: the same on every JVM and instance, and evenly spread. */
    private static long stableHash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }

    public boolean offers(MessageChannel channel) {
        return channels.contains(channel);
    }

    /** SMS when the template is sent by SMS, otherwise its first channel. */
    public MessageChannel preferredChannel() {
        return offers(MessageChannel.SMS) ? MessageChannel.SMS : channels.get(0);
    }
}
