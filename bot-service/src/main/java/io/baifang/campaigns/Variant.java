package io.baifang.campaigns;

/**
 * One arm of a campaign's A/B split: a template, one of its variants, and its share.
 *
 * @param variantId the template's variant, or {@code null} for its first (a template without variants)
 */
record Variant(String templateId, String variantId, int weight) {

    /** How a recipient's variant is stored and shown: {@code visit-invitation/A}. */
    String key() {
        return variantId == null ? templateId : templateId + "/" + variantId;
    }
}
