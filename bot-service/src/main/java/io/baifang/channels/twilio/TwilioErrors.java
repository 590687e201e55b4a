package io.baifang.channels.twilio;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.twilio.exception.ApiException;
import io.baifang.channels.RejectionReason;
import io.baifang.channels.SendOutcome;

import static java.util.Map.entry;

/**
 * Twilio's failures in our words. Twilio's error codes and HTTP statuses stop here: a failure is either
 * permanent (a {@link SendOutcome.Rejected}, never retried) or transient (retried, then
 * {@link SendOutcome.RetryLater}). Details are ours, not Twilio's messages, which quote the phone number.
 */
final class TwilioErrors {

    /** Codes that say the message can never go out as it is. */
    private static final Map<Integer, Permanent> PERMANENT = Map.ofEntries(
            entry(21211, new Permanent(RejectionReason.INVALID_NUMBER, "the 'To' number is not a valid phone number")),
            entry(21610, new Permanent(RejectionReason.RECIPIENT_OPTED_OUT, "the recipient unsubscribed (replied STOP)")),
            entry(21614, new Permanent(RejectionReason.NOT_A_MOBILE, "the 'To' number cannot receive SMS")),
            entry(21612, new Permanent(RejectionReason.NOT_A_MOBILE, "the 'To' number is not reachable by SMS")),
            entry(21408, new Permanent(RejectionReason.REGION_NOT_ENABLED, "sending to this region is not enabled on the account")),
            entry(21602, new Permanent(RejectionReason.CONTENT_OR_SENDER, "the message body is empty")),
            entry(21617, new Permanent(RejectionReason.CONTENT_OR_SENDER, "the message body is too long")),
            entry(21212, new Permanent(RejectionReason.CONTENT_OR_SENDER, "the sender number is not valid")),
            entry(21606, new Permanent(RejectionReason.CONTENT_OR_SENDER, "the sender number cannot send to this number")),
            entry(21659, new Permanent(RejectionReason.CONTENT_OR_SENDER, "the sender is not a Twilio number of this account")),
            entry(21703, new Permanent(RejectionReason.CONTENT_OR_SENDER, "the messaging service has no sender")),
            entry(30007, new Permanent(RejectionReason.CONTENT_OR_SENDER, "the carrier filtered the message")),
            entry(63007, new Permanent(RejectionReason.CONTENT_OR_SENDER, "no WhatsApp sender for the 'From' address")),
            entry(63016, new Permanent(RejectionReason.CONTENT_OR_SENDER,
                    "outside WhatsApp's 24-hour window: only an approved template may be sent")));

    private TwilioErrors() {
    }

    /** A permanent refusal from the table, or {@code Rejected(OTHER)} naming the code. */
    sealed interface Verdict permits Refused, Transient {
    }

    record Refused(SendOutcome.Rejected rejection) implements Verdict {
    }

    /** @param reason short, ours, free of personal data: it is logged */
    record Transient(String reason) implements Verdict {
    }

    private record Permanent(RejectionReason reason, String detail) {
    }

    static Verdict classify(Throwable failure) {
        if (failure instanceof ApiException api && api.getStatusCode() != null) {
            return byHttpStatus(api.getStatusCode(), api.getCode());
        }
        if (failure instanceof TimeoutException) {
            return new Transient("no answer from Twilio in time");
        }
        Throwable cause = failure.getCause() == null ? failure : failure.getCause();
        if (cause instanceof SocketTimeoutException) {
            return new Transient("no answer from Twilio in time");
        }
        if (cause instanceof ConnectException) {
            return new Transient("could not connect to Twilio");
        }
        if (cause instanceof IOException) {
            return new Transient("network error talking to Twilio (" + cause.getClass().getSimpleName() + ")");
        }
        // an answer the SDK could not read: most likely a proxy's page, so worth another try
        return new Transient("unreadable answer from Twilio (" + failure.getClass().getSimpleName() + ")");
    }

    private static Verdict byHttpStatus(int status, Integer code) {
        if (status == 429) {
            return new Transient("throttled by Twilio (429)");
        }
        if (status >= 500) {
            return new Transient("Twilio server error (" + status + ")");
        }
        if (status == 401 || status == 403) {
            // our credentials, not the message, are wrong: the message may go out once they are fixed
            return new Transient("Twilio refused our credentials (" + status + codeSuffix(code) + ")");
        }
        String providerCode = code == null ? String.valueOf(status) : String.valueOf(code);
        Permanent known = code == null ? null : PERMANENT.get(code);
        if (known != null) {
            return new Refused(new SendOutcome.Rejected(known.reason(), providerCode,
                    "Twilio " + providerCode + ": " + known.detail()));
        }
        return new Refused(new SendOutcome.Rejected(RejectionReason.OTHER, providerCode,
                "Twilio refused the message (HTTP " + status + codeSuffix(code) + ")"));
    }

    private static String codeSuffix(Integer code) {
        return code == null ? "" : ", code " + code;
    }
}
