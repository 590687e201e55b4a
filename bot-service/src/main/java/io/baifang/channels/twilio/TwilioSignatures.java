package io.baifang.channels.twilio;

import java.util.Map;

import com.twilio.security.RequestValidator;

/**
 * Checks {@code X-Twilio-Signature} with the SDK's validator: HMAC-SHA1, keyed with the auth token, over the
 * URL Twilio called followed by the form parameters sorted by name. Without an auth token nothing can be
 * checked, so nothing passes (fail closed).
 */
final class TwilioSignatures {

    private final RequestValidator validator;

    private TwilioSignatures(RequestValidator validator) {
        this.validator = validator;
    }

    static TwilioSignatures keyedWith(String authToken) {
        return new TwilioSignatures(TwilioProperties.hasText(authToken) ? new RequestValidator(authToken) : null);
    }

    boolean canVerify() {
        return validator != null;
    }

    boolean isGenuine(String signedUrl, Map<String, String> form, String signature) {
        if (validator == null || signature == null || signature.isBlank()) {
            return false;
        }
        return validator.validate(signedUrl, form, signature);
    }
}
