package io.baifang.channels;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.baifang.branches.BranchNetwork;
import io.baifang.contactpolicy.ContactAttempt;
import io.baifang.contactpolicy.ContactDecision;
import io.baifang.contactpolicy.ContactGate;
import io.baifang.contactpolicy.ContactOutcome;
import io.baifang.contactpolicy.ContactRequest;
import io.baifang.customers.Customer;
import io.baifang.customers.CustomerDirectory;
import io.baifang.shared.IdGenerator;
import io.baifang.templates.CustomerVariables;
import io.baifang.templates.MessageChannel;
import io.baifang.templates.MessageTemplates;
import io.baifang.templates.RenderedMessage;
import io.baifang.templates.TemplateException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link Messaging}'s send path for a campaign batch: the same steps, for many recipients at once, with the
 * writes batched. In order:
 * <ol>
 * <li>read the batch's customers in one query and render each one's message (variant and channel as the
 * campaign chose); a recipient that cannot be rendered or reached is answered {@link Result.Unsendable}
 * before anything is counted;</li>
 * <li>decide them all with one {@link ContactGate#requestAll} (one round trip, one log statement), each
 * attempt in the campaign's wave;</li>
 * <li>store the allowed ones {@code QUEUED} under the message id the campaign assigned beforehand, in one
 * transaction of two multi-row statements (an id already stored fails the batch: nothing is sent twice);</li>
 * <li>hand them to their channels slice by slice and record the outcomes with {@link Messaging#handOver}, the
 * batch form of a single send's dispatch and record (one hand-over mark per slice first; a rejected message
 * releases its contact). A stop before the mark leaves messages the retry sweep sends once their lease runs out
 * (they never reached the provider); a stop after it, messages whose outcome only the provider's report
 * settles, never sent again.</li>
 * </ol>
 * Every recipient of the batch gets exactly one {@link Result}.
 */
@Service
public class CampaignMessaging {

    private final MessageTemplates templates;
    private final BranchNetwork branches;
    private final CustomerDirectory customers;
    private final ContactGate gate;
    private final OutboundChannels channels;
    private final MessageStore store;
    private final Messaging messaging;
    private final TransactionalOperator transaction;
    private final ChannelsProperties settings;
    private final IdGenerator ids;
    private final Clock clock;

    CampaignMessaging(MessageTemplates templates, BranchNetwork branches, CustomerDirectory customers,
                      ContactGate gate, OutboundChannels channels, MessageStore store, Messaging messaging,
                      TransactionalOperator transaction, ChannelsProperties settings, IdGenerator ids, Clock clock) {
        this.templates = templates;
        this.branches = branches;
        this.customers = customers;
        this.gate = gate;
        this.channels = channels;
        this.store = store;
        this.messaging = messaging;
        this.transaction = transaction;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * One recipient of a batch.
     *
     * @param messageId the id the message gets if it is sent, assigned by the campaign before the send so a
     *                  restart can tell a sent recipient from one not sent
     * @param variantId the template's variant, or {@code null} for its first
     * @param channels  the campaign's channel preference, first that the template offers and a provider
     *                  serves wins
     */
    public record Recipient(UUID customerId, UUID messageId, String templateId, String variantId,
                            List<ChannelKind> channels) {

        public Recipient {
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(templateId, "templateId");
            channels = List.copyOf(channels);
        }
    }

    /**
     * @param variables values beside each customer's own (the campaign's, e.g. {@code activity},
     *                  {@code offeredDay}); a customer's own win only where these have none
     * @param sentBy    who the messages are sent as (the contact log's {@code recordedBy})
     */
    public record Batch(String campaignId, int wave, int priority, List<Recipient> recipients,
                        Map<String, ?> variables, String sentBy) {

        public Batch {
            Objects.requireNonNull(campaignId, "campaignId");
            recipients = List.copyOf(recipients);
            variables = variables == null ? Map.of() : Map.copyOf(variables);
        }
    }

    /** What became of one recipient of a batch. */
    public sealed interface Result {

        UUID customerId();

        /** Stored and handed to its channel; {@code status} is where it stands ({@code SENT}, {@code DELIVERED}, {@code QUEUED}, {@code FAILED}). */
        record Sent(UUID customerId, UUID messageId, String templateId, String variantId, DeliveryStatus status,
                    String errorCode) implements Result {
        }

        /** The contact policy did not allow it now (refused, deferred or paused); the log line says why. */
        record NotAllowed(UUID customerId, ContactOutcome outcome) implements Result {
        }

        /** It could not be rendered or has no way to be reached; nothing was counted or stored. */
        record Unsendable(UUID customerId, String reason, String detail) implements Result {

            public static final String UNKNOWN_CUSTOMER = "UNKNOWN_CUSTOMER";
            public static final String NOT_RENDERED = "NOT_RENDERED";
            public static final String NO_CHANNEL = "NO_CHANNEL";
        }
    }

    /** Sends a batch; one result per recipient, in no particular order. */
    public Flux<Result> send(Batch batch) {
        if (batch.recipients().isEmpty()) {
            return Flux.empty();
        }
        List<UUID> ids = batch.recipients().stream().map(Recipient::customerId).toList();
        return customers.findAll(ids)
                .collectMap(Customer::id)
                .flatMap(known -> decided(batch, drafted(batch, known), known))
                .flatMap(this::queued)
                .flatMapMany(this::dispatched);
    }

    /** What a dry run of one recipient came to: nothing was counted, logged, stored or sent. */
    public sealed interface Preview {

        UUID customerId();

        /**
         * The policy would allow it now, or defer it (quiet hours) and allow it then: the message it would get.
         *
         * @param decision {@code Allowed}, or {@code Deferred} with the time
         */
        record WouldSend(UUID customerId, ContactDecision decision, ChannelKind channel, int segments,
                         BigDecimal cost, String currency) implements Preview {
        }

        /** The policy would refuse it ({@code Refused}), or cannot decide now ({@code Paused}). */
        record WouldNotSend(UUID customerId, ContactDecision decision) implements Preview {
        }

        /** It could not be rendered or reached (as {@link Result.Unsendable}). */
        record Unsendable(UUID customerId, String reason) implements Preview {
        }
    }

    /**
     * A dry run of a batch through the whole pipeline but the send: the customers read, each message rendered,
     * the policy asked with {@link ContactGate#preview} (which counts, reserves and logs nothing), nothing
     * stored or sent. One answer per recipient; for a campaign's estimate.
     */
    public Flux<Preview> preview(Batch batch) {
        if (batch.recipients().isEmpty()) {
            return Flux.empty();
        }
        List<UUID> ids = batch.recipients().stream().map(Recipient::customerId).toList();
        return customers.findAll(ids)
                .collectMap(Customer::id)
                .map(known -> drafted(batch, known))
                .flatMapMany(drafts -> previewed(batch, drafts));
    }

    private Flux<Preview> previewed(Batch batch, List<Drafted> drafts) {
        List<Preview> unsendable = new ArrayList<>();
        List<Drafted> toDecide = new ArrayList<>();
        for (Drafted drafted : drafts) {
            if (drafted.unsendable() != null) {
                unsendable.add(new Preview.Unsendable(drafted.recipient().customerId(), drafted.unsendable().reason()));
            } else {
                toDecide.add(drafted);
            }
        }
        List<ContactAttempt> attempts = toDecide.stream().map(drafted -> attemptOf(batch, drafted.draft())).toList();
        Flux<Preview> decided = toDecide.isEmpty() ? Flux.empty() : gate.preview(attempts)
                .index((index, decision) -> previewOf(toDecide.get(index.intValue()), decision));
        return Flux.fromIterable(unsendable).concatWith(decided);
    }

    private static Preview previewOf(Drafted drafted, ContactDecision decision) {
        UUID customerId = drafted.recipient().customerId();
        if (decision.isAllowed() || decision instanceof ContactDecision.Deferred) {
            RenderedMessage rendered = drafted.draft().rendered();
            return new Preview.WouldSend(customerId, decision, drafted.draft().channel().kind(), rendered.segments(),
                    rendered.cost(), rendered.currency().getCurrencyCode());
        }
        return new Preview.WouldNotSend(customerId, decision);
    }

    /** The stored messages among these ids, without their history: what a campaign reconciles after a restart. */
    public Flux<StoredMessage> findAll(Collection<UUID> messageIds) {
        return store.findAllById(messageIds).map(MessageRow::withoutHistory);
    }

    // --- the steps

    /** A recipient rendered, or the reason it cannot be. */
    private record Drafted(Recipient recipient, Messaging.Draft draft, Result.Unsendable unsendable) {
    }

    /** Everything known after the contact policy answered. */
    private record Decisions(List<Result> settled, List<Allowed> allowed) {
    }

    private record Allowed(Recipient recipient, Messaging.Decided decided) {
    }

    private record Queued(List<Result> settled, List<Allowed> queued, List<MessageRow> rows,
                          List<Messaging.HandOver> handOvers) {
    }

    private List<Drafted> drafted(Batch batch, Map<UUID, Customer> known) {
        List<Drafted> drafts = new ArrayList<>(batch.recipients().size());
        for (Recipient recipient : batch.recipients()) {
            Customer customer = known.get(recipient.customerId());
            if (customer == null) {
                drafts.add(new Drafted(recipient, null, new Result.Unsendable(recipient.customerId(),
                        Result.Unsendable.UNKNOWN_CUSTOMER, "the customer is no longer in the registry")));
                continue;
            }
            drafts.add(draft(batch, recipient, customer));
        }
        return drafts;
    }

    private Drafted draft(Batch batch, Recipient recipient, Customer customer) {
        Map<String, Object> variables = new HashMap<>(CustomerVariables.of(customer, branches.find(customer.branch())));
        variables.putAll(batch.variables());
        String why = "no channel of " + recipient.channels() + " can reach the customer";
        String reason = Result.Unsendable.NO_CHANNEL;
        for (ChannelKind kind : recipient.channels()) {
            try {
                RenderedMessage rendered = templates.render(recipient.templateId(), recipient.variantId(), variables,
                        MessageChannel.valueOf(kind.name()));
                OutboundChannel channel = channels.forKind(kind).orElseThrow(() -> new ChannelUnavailableException(
                        "no " + kind + " provider is available (" + settings.providerFor(kind) + " is configured)"));
                String address = addressOf(customer, kind);
                return new Drafted(recipient, new Messaging.Draft(customer, rendered, channel, address, batch.sentBy(),
                        batch.campaignId()), null);
            } catch (ChannelUnavailableException unavailable) {
                why = unavailable.getMessage();
            } catch (TemplateException notRendered) {
                why = notRendered.getMessage();
                reason = Result.Unsendable.NOT_RENDERED;
            }
        }
        return new Drafted(recipient, null, new Result.Unsendable(recipient.customerId(), reason, why));
    }

    private Mono<Decisions> decided(Batch batch, List<Drafted> drafts, Map<UUID, Customer> known) {
        List<Result> settled = new ArrayList<>();
        List<Drafted> toDecide = new ArrayList<>();
        for (Drafted drafted : drafts) {
            if (drafted.unsendable() != null) {
                settled.add(drafted.unsendable());
            } else {
                toDecide.add(drafted);
            }
        }
        List<ContactRequest> requests = toDecide.stream()
                .map(drafted -> new ContactRequest(attemptOf(batch, drafted.draft()), batch.sentBy(), null))
                .toList();
        return gate.requestAll(requests, known)
                .collectList()
                .map(outcomes -> sorted(settled, toDecide, outcomes));
    }

    private static Decisions sorted(List<Result> settled, List<Drafted> decided, List<ContactOutcome> outcomes) {
        List<Allowed> allowed = new ArrayList<>();
        for (int i = 0; i < decided.size(); i++) {
            Drafted drafted = decided.get(i);
            ContactOutcome outcome = outcomes.get(i);
            if (outcome.isAllowed()) {
                allowed.add(new Allowed(drafted.recipient(), new Messaging.Decided(drafted.draft(), outcome)));
            } else {
                settled.add(new Result.NotAllowed(drafted.recipient().customerId(), outcome));
            }
        }
        return new Decisions(settled, allowed);
    }

    private Mono<Queued> queued(Decisions decisions) {
        Instant now = clock.instant();
        List<MessageRow> rows = decisions.allowed().stream().map(allowed -> queuedRow(allowed, now)).toList();
        List<Messaging.HandOver> handOvers = handOversOf(decisions.allowed(), rows);
        Map<UUID, UUID> sliceOf = new HashMap<>();
        handOvers.forEach(handOver -> handOver.messages().forEach(row -> sliceOf.put(row.id(), handOver.slice())));
        return transaction.transactional(store.insertQueued(rows, row -> sliceOf.get(row.id())))
                .thenReturn(new Queued(decisions.settled(), decisions.allowed(), rows, handOvers))
                // the contacts were counted for messages that now will not go out: give the slots back
                .onErrorResume(failure -> Flux.fromIterable(decisions.allowed())
                        .concatMap(allowed -> gate.release(allowed.decided().outcome()))
                        .then(Mono.error(failure)));
    }

    /**
     * The batch's messages by channel, cut in slices of one second of each provider's throughput: each slice is
     * stored with its id and handed over with one mark.
     */
    private List<Messaging.HandOver> handOversOf(List<Allowed> allowed, List<MessageRow> rows) {
        Map<OutboundChannel, List<MessageRow>> byChannel = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byChannel.computeIfAbsent(allowed.get(i).decided().draft().channel(), channel -> new ArrayList<>())
                    .add(rows.get(i));
        }
        List<Messaging.HandOver> handOvers = new ArrayList<>();
        byChannel.forEach((channel, messages) -> {
            int size = messaging.handOverSliceSize(channel);
            for (int from = 0; from < messages.size(); from += size) {
                handOvers.add(new Messaging.HandOver(ids.next(), channel,
                        messages.subList(from, (int) Math.min(messages.size(), (long) from + size))));
            }
        });
        return handOvers;
    }

    /**
     * Hands the stored messages to their channels, slice by slice ({@link Messaging#handOver}): each slice is
     * marked handed over right before the provider sees it, so a stop before the mark leaves messages the retry
     * sweep sends once their lease runs out (they never reached the provider), and a stop after it, messages
     * whose outcome only the provider's report settles (it carries our id): a campaign message is never sent
     * again blindly.
     */
    private Flux<Result> dispatched(Queued queued) {
        Map<UUID, Recipient> recipients = new HashMap<>();
        Map<UUID, MessageRow> rows = new HashMap<>();
        for (int i = 0; i < queued.rows().size(); i++) {
            recipients.put(queued.rows().get(i).id(), queued.queued().get(i).recipient());
            rows.put(queued.rows().get(i).id(), queued.rows().get(i));
        }
        Flux<Result> sent = Flux.fromIterable(queued.handOvers())
                .concatMap(messaging::handOver)
                .map(result -> sentResult(recipients.get(result.messageId()), rows.get(result.messageId()), result));
        return Flux.fromIterable(queued.settled()).concatWith(sent);
    }

    private static Result sentResult(Recipient recipient, MessageRow row, SendResult.Sent sent) {
        return new Result.Sent(recipient.customerId(), row.id(), row.templateId(), row.variantId(), sent.status(),
                sent.errorCode());
    }

    // --- how each step is done

    /** What the policy sees, as for a single send (provider and signature included), in the campaign's wave. */
    private ContactAttempt attemptOf(Batch batch, Messaging.Draft draft) {
        return messaging.attemptFor(draft.customer().id(), draft.channel(), draft.rendered().templateId())
                .inCampaign(batch.campaignId(), batch.wave(), batch.priority());
    }

    private MessageRow queuedRow(Allowed allowed, Instant now) {
        // the retry sweep leaves it alone while the batch is sent; should the process stop before the message is
        // handed to its provider, the sweep sends it once the lease runs out
        return messaging.queuedRow(allowed.recipient().messageId(), allowed.decided().draft(),
                allowed.decided().outcome().logEntryId(), null, now.plus(settings.sendLease()));
    }

    /** Campaigns reach web chat only through a link the customer already has; none is made for them. */
    private static String addressOf(Customer customer, ChannelKind kind) {
        return Messaging.addressOf(customer, kind, Optional.empty());
    }
}
