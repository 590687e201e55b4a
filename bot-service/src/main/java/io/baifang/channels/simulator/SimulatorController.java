package io.baifang.channels.simulator;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.baifang.channels.ChannelKind;
import io.baifang.channels.InboundMessage;
import io.baifang.channels.MessageDirection;
import io.baifang.channels.ProviderEvents;
import io.baifang.shared.IdGenerator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * The simulated phones: what a phone shows ({@code GET /api/simulator/phones/{e164}/messages}, oldest first,
 * an unknown phone {@code []}), and a reply typed on it ({@code POST …/reply}), which goes through
 * {@link ProviderEvents#inboundReceived}, the same inbound path a Twilio webhook takes. Any signed-in staff
 * member may use them: the phones are a demonstration, not customers' data. Off in production (404).
 */
@RestController
@RequestMapping("/api/simulator/phones/{phone}")
@Profile("!prod")
class SimulatorController {

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{5,14}");

    /** The service's own number, as the phone sees it. */
    static final String SERVICE_NUMBER = "simulator";

    private final SimulatedPhones phones;
    private final ProviderEvents events;
    private final IdGenerator ids;
    private final Clock clock;
    private final ZoneId zone;

    SimulatorController(SimulatedPhones phones, ProviderEvents events, IdGenerator ids, Clock clock,
                        @Value("${baifang.zone:Asia/Shanghai}") ZoneId zone) {
        this.phones = phones;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
        this.zone = zone;
    }

    @GetMapping("/messages")
    Mono<List<ScreenLine>> messages(@PathVariable String phone) {
        return phones.screenOf(e164(phone))
                .map(this::line)
                .collectList();
    }

    @PostMapping("/reply")
    Mono<ResponseEntity<ScreenLine>> reply(@PathVariable String phone, @Valid @RequestBody Reply reply) {
        String from = e164(phone);
        Instant now = clock.instant();
        InboundMessage inbound = new InboundMessage(SimulatedSmsGateway.PROVIDER,
                "SIM" + ids.next().toString().replace("-", ""), ChannelKind.SMS, from, SERVICE_NUMBER, reply.text(), now);
        // shown on the phone first (the person typed it), then handed to the service like a webhook would
        return phones.replied(from, reply.text(), now)
                .flatMap(shown -> events.inboundReceived(inbound).thenReturn(shown))
                .map(shown -> ResponseEntity.status(HttpStatus.ACCEPTED).body(line(shown)));
    }

    private ScreenLine line(SimulatedPhones.PhoneMessage message) {
        return new ScreenLine(message.direction(), message.text(), message.at().atZone(zone).toOffsetDateTime());
    }

    /** Accepts {@code +8613…} or the digits alone (a {@code +} some clients leave out of a path). */
    private static String e164(String phone) {
        String candidate = phone.strip();
        if (!candidate.startsWith("+")) {
            candidate = "+" + candidate;
        }
        if (!E164.matcher(candidate).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "phone: must be an E.164 number like +8613812345678");
        }
        return candidate;
    }

    record Reply(@NotBlank @Size(max = 1000) String text) {
    }

    record ScreenLine(MessageDirection direction, String text, OffsetDateTime at) {
    }
}
