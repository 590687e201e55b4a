package io.baifang.templates;

/**
 * Why a template is sent. Marketing messages get the opt-out line ({@code 回T退订}) and fall under the contact
 * policy's caps and quiet hours; transactional ones (a booking confirmation, an answer in a conversation, the
 * opt-out confirmation itself) do not.
 */
public enum TemplateCategory {
    MARKETING, TRANSACTIONAL;

    public boolean isMarketing() {
        return this == MARKETING;
    }
}
