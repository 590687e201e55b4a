package io.baifang.templates;

/**
 * What the renderer puts around every body, so that no template writes it by hand: the sender signature
 * ({@code 【百访银行】}, required on Chinese SMS) in front, and after marketing messages the opt-out line.
 *
 * @param signature   the sender's name, without brackets
 * @param optOutLine  appended to marketing messages, e.g. {@code 回T退订}
 */
record MessageFrame(String signature, String optOutLine) {

    MessageFrame {
        if (signature == null || signature.isBlank() || signature.contains("【") || signature.contains("】")) {
            throw new IllegalArgumentException("the signature is the sender's name without 【 】, e.g. 百访银行");
        }
        if (optOutLine == null || optOutLine.isBlank()) {
            throw new IllegalArgumentException("marketing messages need an opt-out line, e.g. 回T退订");
        }
        signature = signature.strip();
        optOutLine = optOutLine.strip();
    }

    String around(String body, TemplateCategory category) {
        return "【" + signature + "】" + body + (category.isMarketing() ? optOutLine : "");
    }
}
