package io.baifang.channels;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.baifang.branches.BranchNetwork;
import io.baifang.contactpolicy.Channel;
import io.baifang.contactpolicy.ContactAttempt;
import io.baifang.contactpolicy.ContactCategory;
import io.baifang.contactpolicy.ContactDecision;
import io.baifang.contactpolicy.ContactGate;
import io.baifang.contactpolicy.ContactOutcome;
import io.baifang.customers.Customer;
import io.baifang.customers.CustomerDirectory;
import io.baifang.shared.IdGenerator;
import io.baifang.shared.PageOf;
import io.baifang.shared.SendRates;
import io.baifang.templates.CustomerVariables;
import io.baifang.templates.MessageChannel;
import io.baifang.templates.MessageTemplate;
import io.baifang.templates.MessageTemplates;
import io.baifang.templates.RenderedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The send path: one templated message to one customer. In order, each step a method campaigns can reuse:
 * <ol>
 * <li>{@link #chatLinkFor}: the customer's web chat link, when the message needs one: a fresh link for a
 * template that declares {@code chatLink}, the newest active one for a message on web chat;</li>
 * <li>{@link #draft}: render the template for the customer (their and their branch's variables, then the
 * caller's) and find the channel and address; a missing variable or an unavailable channel stops here,
 * before anything is counted;</li>
 * <li>{@link #decide}: ask the {@link ContactGate} (marketing, transactional, or the opt-out
 * confirmation), with the provider and signature so that provider flow-control limits apply;</li>
 * <li>{@link #queue}: store the message {@code QUEUED} with the contact log entry that allowed it;</li>
 * <li>{@link #dispatch}: hand it to the channel, trying again a few times when the provider says later;</li>
 * <li>{@link #recordOutcome}: accepted is {@code SENT} with the provider's id; retry-later stays
 * {@code QUEUED} for the retry sweep; rejected is {@code FAILED}, the contact is released, and a recipient
 * who unsubscribed at the carrier is opted out.</li>
 * </ol>
 * A marketing message the policy defers (quiet hours) is not dropped: it is stored {@code QUEUED} without a
 * contact, due when the quiet hours end, and {@link #resendDue the sweep} decides it again then — allowed, it
 * goes out; deferred again, it waits; refused meanwhile (the day's slot went to another message, the customer
 * opted out), it fails with the policy's reason, which the contact log explains.
 */
@Service
public class Messaging {

    private static final Logger log = LoggerFactory.getLogger(Messaging.class);

    static final String OPT_OUT_CONFIRMATION_TEMPLATE = "opt-out-confirmation";

    /** How long a deferred message waits before asking again while the counters are being rebuilt. */
    private static final Duration WAIT_WHILE_PAUSED = Duration.ofSeconds(10);

    private final MessageTemplates templates;
    private final BranchNetwork branches;
    private final CustomerDirectory customers;
    private final ContactGate gate;
    private final OutboundChannels channels;
    private final MessageStore store;
    private final ProviderEventRecorder recorder;
    private final ChatLinks chatLinks;
    private final TransactionalOperator transaction;
    private final ChannelsProperties settings;
    private final SendRates rates;
    private final IdGenerator ids;
    private final Clock clock;

    Messaging(MessageTemplates templates, BranchNetwork branches, CustomerDirectory customers, ContactGate gate,
              OutboundChannels channels, MessageStore store, ProviderEventRecorder recorder, ChatLinks chatLinks,
              TransactionalOperator transaction, ChannelsProperties settings, SendRates rates, IdGenerator ids,
              Clock clock) {
        this.templates = templates;
        this.branches = branches;
        this.customers = customers;
        this.gate = gate;
        this.channels = channels;
        this.store = store;
        this.recorder = recorder;
        this.chatLinks = chatLinks;
        this.transaction = transaction;
        this.settings = settings;
        this.rates = rates;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Sends one message to one customer, as {@code sentBy} (a staff username, or {@code system}).
     *
     * @param variables values beside the customer's own ({@link CustomerVariables}); given ones win
     * @param channel   {@code null} for the template's preferred channel
     * @return the stored message's id and status, or the policy's refusal; errors: an unknown customer
     * ({@link IllegalArgumentException}), a template problem ({@code TemplateException}: unknown,
     * missing variable, not for that channel), {@link ChannelUnavailableException}
     */
    public Mono<SendResult> sendToCustomer(UUID customerId, String templateId, Map<String, ?> variables,
                                           ChannelKind channel, String sentBy) {
        return customers.find(customerId)
                .switchIfEmpty(Mono.error(() -> new IllegalArgumentException("no customer " + customerId)))
                .flatMap(customer -> sendTo(customer, templateId, variables, channel, sentBy));
    }

    /** Like {@link #sendToCustomer}, for a caller that has just read the customer (after a branch check). */
    public Mono<SendResult> sendTo(Customer customer, String templateId, Map<String, ?> variables,
                                   ChannelKind channel, String sentBy) {
        return sendTo(customer, templateId, null, variables, channel, sentBy);
    }

    /**
     * Like {@link #sendTo(Customer, String, Map, ChannelKind, String)} with a chosen A/B variant;
     * {@code variantId} {@code null} gives the customer their own variant by the template's weights (always the
     * same one for the same customer).
     */
    public Mono<SendResult> sendTo(Customer customer, String templateId, String variantId, Map<String, ?> variables,
                                   ChannelKind channel, String sentBy) {
        return chatLinkFor(customer, templateId, variables, channel, sentBy)
                .map(link -> draft(customer, templateId, variantId, variables, channel, sentBy, link))
                .flatMap(this::decide)
                .flatMap(this::sendIfAllowed);
    }

    /** A page of the messages to and from the customer, both directions, oldest first, each with its history. */
    public Mono<PageOf<StoredMessage>> threadOf(UUID customerId, int page, int size) {
        Mono<java.util.List<StoredMessage>> items = store.threadOf(customerId, page, size).collectList();
        Mono<Long> total = store.countFor(customerId);
        return items.zipWith(total, (found, count) -> new PageOf<>(found, page, size, count));
    }

    /**
     * The customer's messages on one channel, the newest {@code limit} of them, oldest first, each with its
     * history: what the web chat page shows.
     */
    public Flux<StoredMessage> recentOn(UUID customerId, ChannelKind channel, int limit) {
        return store.recentOn(customerId, channel, limit);
    }

    /** The message a provider knows by its id, with its history; empty when there is none. */
    public Mono<StoredMessage> findByProviderId(String provider, String providerMessageId) {
        return store.findByProviderId(provider, providerMessageId).flatMap(store::withHistory);
    }

    /** One message with its history; empty when there is none. */
    public Mono<StoredMessage> find(UUID messageId) {
        return store.findById(messageId).flatMap(store::withHistory);
    }

    // --- the steps

    /** A message rendered for one customer, with the channel and address it goes out on. */
    record Draft(Customer customer, RenderedMessage rendered, OutboundChannel channel, String address,
                 String sentBy, String campaignId) {
    }

    /** A draft the contact policy has answered. */
    record Decided(Draft draft, ContactOutcome outcome) {
    }

    /**
     * The chat link a message needs, if any: a fresh one when the template renders {@code {{chatLink}}} and the
     * caller did not give it (made before the policy decides: a link nobody was sent opens nothing), else the
     * customer's newest active link when the message may go out on web chat.
     */
    Mono<Optional<ChatLink>> chatLinkFor(Customer customer, String templateId, Map<String, ?> variables,
                                         ChannelKind kind, String sentBy) {
        MessageTemplate template = templates.find(templateId).orElse(null);
        if (template == null) {
            // render names the unknown template
            return Mono.just(Optional.empty());
        }
        if (declaresChatLink(template) && (variables == null || !variables.containsKey(ChatLinks.TEMPLATE_VARIABLE))) {
            return chatLinks.create(customer.id(), sentBy).map(Optional::of);
        }
        boolean onWebChat = kind == ChannelKind.WEBCHAT
                || kind == null && template.preferredChannel() == MessageChannel.WEBCHAT;
        if (!onWebChat) {
            return Mono.just(Optional.empty());
        }
        return chatLinks.newestActiveOf(customer.id()).map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    Draft draft(Customer customer, String templateId, String variantId, Map<String, ?> variables, ChannelKind kind,
                String sentBy, Optional<ChatLink> chatLink) {
        String variant = variantId != null ? variantId : variantFor(templateId, customer);
        RenderedMessage rendered = templates.render(templateId, variant, variablesFor(customer, variables, chatLink),
                kind == null ? null : MessageChannel.valueOf(kind.name()));
        ChannelKind chosen = ChannelKind.valueOf(rendered.channel().name());
        OutboundChannel channel = channels.forKind(chosen)
                .orElseThrow(() -> new ChannelUnavailableException("no " + chosen + " provider is available ("
                        + settings.providerFor(chosen) + " is configured)"));
        return new Draft(customer, rendered, channel, addressOf(customer, chosen, chatLink), sentBy, null);
    }

    Mono<Decided> decide(Draft draft) {
        ContactAttempt attempt = attemptFor(draft.customer().id(), draft.channel(), draft.rendered().templateId());
        return gate.request(attempt, draft.sentBy(), null)
                .map(outcome -> new Decided(draft, outcome));
    }

    Mono<MessageRow> queue(Decided decided) {
        Instant now = clock.instant();
        // the retry sweep leaves it alone while this send is in progress
        MessageRow row = queuedRow(decided.draft(), decided.outcome().logEntryId(), null, now.plus(settings.sendLease()));
        return stored(row)
                // the contact was counted for a message that now will not go out: give the slot back
                .onErrorResume(failure -> gate.release(decided.outcome()).then(Mono.error(failure)));
    }

    /**
     * Keeps a message the policy deferred, uncounted and without its contact, due when the deferral ends; the
     * sweep decides it again then ({@link #decideAgain}).
     */
    Mono<SendResult> queueDeferred(Decided decided, ContactDecision.Deferred deferred) {
        MessageRow row = queuedRow(decided.draft(), null, decided.outcome().decisionName(), deferred.until());
        return stored(row)
                .thenReturn(new SendResult.Deferred(row.id(), decided.outcome()));
    }

    Mono<SendOutcome> dispatch(MessageRow message, OutboundChannel channel) {
        return tryToSend(message, channel, 1);
    }

    Mono<SendResult> recordOutcome(MessageRow message, OutboundChannel channel, SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Accepted accepted) {
            return recordAccepted(message, accepted);
        }
        if (outcome instanceof SendOutcome.RetryLater later) {
            return recordRetry(message, later);
        }
        return recordRejected(message, channel, (SendOutcome.Rejected) outcome);
    }

    /**
     * Messages of one channel handed to it at once, sharing one hand-over mark: no more than one second's worth
     * of the provider's throughput ({@link #handOverSliceSize}).
     */
    record HandOver(UUID slice, OutboundChannel channel, List<MessageRow> messages) {
    }

    /** How many messages go to the channel in one hand-over: a second's worth of its throughput, if it has one. */
    int handOverSliceSize(OutboundChannel channel) {
        int perSecond = settings.maxPerSecondOf(channel.provider());
        return perSecond > 0 ? perSecond : Integer.MAX_VALUE;
    }

    /**
     * Hands a slice of messages, stored {@code QUEUED} by the caller a moment ago under the slice's id, to its
     * channel and records what it answered: the batch form of {@link #dispatch} and {@link #recordOutcome}, for a
     * campaign. Wait for the provider's throughput, mark the slice handed over (one row; from then on the retry
     * sweep never sends its messages by itself: only the provider's answer or report settles each),
     * {@link OutboundChannel#sendAll}, then record — accepted ones in one batch ({@code SENT} with the provider's
     * id, or further if the provider already said more), a retry-later one leaves the slice and stays
     * {@code QUEUED} for the retry sweep, a rejected one fails and releases its contact. One result per message,
     * in no particular order.
     */
    Flux<SendResult.Sent> handOver(HandOver handOver) {
        OutboundChannel channel = handOver.channel();
        List<MessageRow> messages = handOver.messages();
        return rates.acquire("provider:" + channel.provider(), messages.size(),
                        settings.maxPerSecondOf(channel.provider()))
                .then(Mono.defer(() -> store.markHandedOver(handOver.slice(), clock.instant())))
                .then(sendAllOnce(messages, channel))
                .flatMapMany(outcomes -> recordOutcomes(messages, channel, outcomes));
    }

    /** One request per message or per batch, as the channel does it; one that fails is retry-later for all. */
    private Mono<List<SendOutcome>> sendAllOnce(List<MessageRow> messages, OutboundChannel channel) {
        List<OutboundMessage> outbound = messages.stream().map(MessageRow::toProvider).toList();
        SendOutcome noAnswer = new SendOutcome.RetryLater("no answer from the channel", Duration.ZERO);
        return Mono.defer(() -> channel.sendAll(outbound))
                .filter(outcomes -> outcomes.size() == messages.size())
                .onErrorResume(failure -> {
                    log.warn("Channel {} failed to send {} messages; treating them as retry-later",
                            channel.provider(), messages.size(), failure);
                    return Mono.empty();
                })
                .defaultIfEmpty(Collections.nCopies(messages.size(), noAnswer));
    }

    /** Where messages stored {@code QUEUED} a moment ago stand (they have no provider id yet). */
    private static Map<UUID, MessageStore.Standing> queuedJustNow(List<MessageRow> messages) {
        Map<UUID, MessageStore.Standing> standing = new HashMap<>();
        for (MessageRow message : messages) {
            standing.put(message.id(), MessageStore.Standing.queued(message));
        }
        return standing;
    }

    /** Where an accepted message stands once recorded ({@code SENT}, or further if a report came first). */
    private static SendResult.Sent sentAsRecorded(StatusBatch.Line accepted, StatusBatch.After after) {
        return after == null
                ? new SendResult.Sent(accepted.messageId(), DeliveryStatus.SENT, null)
                : new SendResult.Sent(after.messageId(), after.status(), after.errorCode());
    }

    private Flux<SendResult.Sent> recordOutcomes(List<MessageRow> messages, OutboundChannel channel,
                                                 List<SendOutcome> outcomes) {
        Instant now = clock.instant();
        List<StatusBatch.Line> accepted = new ArrayList<>();
        List<Mono<SendResult>> others = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            MessageRow message = messages.get(i);
            if (outcomes.get(i) instanceof SendOutcome.Accepted ok) {
                accepted.add(new StatusBatch.Line(message.id(), ok.providerId(), DeliveryStatus.SENT, null, now));
                if (ok.reached() != DeliveryStatus.SENT) {
                    accepted.add(new StatusBatch.Line(message.id(), ok.providerId(), ok.reached(), null, now));
                }
            } else {
                others.add(recordOutcome(message, channel, outcomes.get(i)));
            }
        }
        Flux<SendResult.Sent> recorded = recorder.recordAnswers(accepted, queuedJustNow(messages))
                .flatMapIterable(after -> accepted.stream()
                        .filter(line -> line.status() == DeliveryStatus.SENT)
                        .map(line -> sentAsRecorded(line, after.get(line.messageId())))
                        .toList());
        return recorded.concatWith(Flux.concat(others).cast(SendResult.Sent.class));
    }

    /**
     * Tries again the queued messages that are due (a provider said "later"), each claimed first so two
     * instances never send one twice. One that has had all its tries fails for good and its contact is
     * released. Runs from {@code MessageSweeps}.
     */
    Mono<Long> resendDue(int limit) {
        Instant now = clock.instant();
        return store.queuedDue(now, limit)
                .concatMap(due -> store.claim(due, now.plus(settings.sendLease()))
                        .filter(Boolean::booleanValue)
                        .flatMap(claimed -> resend(due)))
                .count();
    }

    private Mono<SendResult> resend(MessageRow due) {
        if (due.awaitsDecision()) {
            return decideAgain(due);
        }
        OutboundChannel channel = channels.find(due.channel(), due.provider()).orElse(null);
        if (channel == null || due.sendAttempts() + 1 >= settings.resendAttempts()) {
            String why = channel == null ? "provider " + due.provider() + " is not available" : "retries exhausted";
            return recordOutcome(due, channel,
                    new SendOutcome.Rejected(RejectionReason.PROVIDER_UNAVAILABLE, null, why));
        }
        return handedOverIfCampaign(due)
                .then(sendOnce(due, channel))
                .flatMap(outcome -> recordOutcome(due, channel, outcome));
    }

    /**
     * A campaign message the sweep sends (its batch stopped before handing it over, or the provider asked to try
     * again) is marked handed over first, as its batch would have been: should the process stop before the answer
     * is recorded, its outcome is unknown and only the provider's report settles it; it is never sent again
     * blindly. (A staff message is tried again after its lease: at least once.)
     */
    private Mono<Void> handedOverIfCampaign(MessageRow due) {
        return due.campaignId() == null ? Mono.empty() : store.markHandedOverAlone(due.id());
    }

    /** A deferred message come due: the policy decides it again, as if it were being sent now. */
    private Mono<SendResult> decideAgain(MessageRow deferred) {
        OutboundChannel channel = channels.find(deferred.channel(), deferred.provider()).orElse(null);
        if (channel == null) {
            return recordOutcome(deferred, null, new SendOutcome.Rejected(RejectionReason.PROVIDER_UNAVAILABLE, null,
                    "provider " + deferred.provider() + " is not available"));
        }
        ContactAttempt attempt = attemptFor(deferred.customerId(), channel, deferred.templateId());
        return gate.request(attempt, deferred.sentBy(), null)
                .flatMap(outcome -> sendOrWaitAgain(deferred, channel, outcome))
                .onErrorResume(ContactGate.UnknownCustomerException.class,
                        gone -> failUnsent(deferred, "UNKNOWN_CUSTOMER", null));
    }

    private Mono<SendResult> sendOrWaitAgain(MessageRow deferred, OutboundChannel channel, ContactOutcome outcome) {
        Instant now = clock.instant();
        ContactDecision decision = outcome.decision();
        if (decision instanceof ContactDecision.Allowed) {
            MessageRow decided = deferred.decidedBy(outcome.logEntryId());
            return store.recordDecision(deferred.id(), outcome.logEntryId(), now)
                    .then(sendOnce(decided, channel))
                    .flatMap(sent -> recordOutcome(decided, channel, sent));
        }
        if (decision instanceof ContactDecision.Deferred again) {
            return store.deferAgain(deferred.id(), again.until(), outcome.decisionName(), now)
                    .thenReturn(new SendResult.Deferred(deferred.id(), outcome));
        }
        if (decision instanceof ContactDecision.Paused) {
            // the counters are being rebuilt: marketing waits, it is not refused
            return store.deferAgain(deferred.id(), now.plus(WAIT_WHILE_PAUSED), outcome.decisionName(), now)
                    .thenReturn(new SendResult.Deferred(deferred.id(), outcome));
        }
        return failUnsent(deferred, outcome.decisionName(), outcome);
    }

    /** Refused when it came due: it never went out and nothing was counted; the message says why. */
    private Mono<SendResult> failUnsent(MessageRow deferred, String reason, ContactOutcome outcome) {
        Mono<?> failed = recorder.recordStatus(deferred, DeliveryStatus.FAILED, reason, clock.instant());
        return outcome == null
                ? failed.thenReturn(new SendResult.Sent(deferred.id(), DeliveryStatus.FAILED, reason))
                : failed.thenReturn(new SendResult.Refused(outcome));
    }

    // --- how each step is done

    private Mono<SendResult> sendIfAllowed(Decided decided) {
        if (decided.outcome().decision() instanceof ContactDecision.Deferred deferred) {
            return queueDeferred(decided, deferred);
        }
        if (!decided.outcome().isAllowed()) {
            return Mono.just(new SendResult.Refused(decided.outcome()));
        }
        OutboundChannel channel = decided.draft().channel();
        return queue(decided)
                .flatMap(message -> dispatch(message, channel)
                        .flatMap(outcome -> recordOutcome(message, channel, outcome)));
    }

    private Map<String, Object> variablesFor(Customer customer, Map<String, ?> given, Optional<ChatLink> chatLink) {
        Map<String, Object> all = new HashMap<>(CustomerVariables.of(customer, branches.find(customer.branch())));
        chatLink.map(ChatLink::url).ifPresent(url -> all.put(ChatLinks.TEMPLATE_VARIABLE, url));
        if (given != null) {
            all.putAll(given);
        }
        return all;
    }

    /** E.164 for SMS and WhatsApp; on web chat, the id of the customer's newest active chat link. */
    static String addressOf(Customer customer, ChannelKind kind, Optional<ChatLink> chatLink) {
        if (kind == ChannelKind.WEBCHAT) {
            return chatLink.map(link -> link.id().toString())
                    .orElseThrow(() -> new ChannelUnavailableException("the customer has no active web chat link: "
                            + "create one (POST /api/customers/" + customer.id() + "/chat-link) and send it to them"));
        }
        if (customer.phone() == null || customer.phone().isBlank()) {
            throw new ChannelUnavailableException("the customer has no phone number");
        }
        return customer.phone();
    }

    private String variantFor(String templateId, Customer customer) {
        return templates.find(templateId)
                .map(template -> template.variantFor(customer.id().toString()).id())
                .orElse(null);
    }

    private static boolean declaresChatLink(MessageTemplate template) {
        return template.variables().stream().anyMatch(variable -> variable.name().equals(ChatLinks.TEMPLATE_VARIABLE));
    }

    /** What the policy sees of a message: who, on which channel and provider, which category and template. */
    ContactAttempt attemptFor(UUID customerId, OutboundChannel channel, String templateId) {
        return new ContactAttempt(customerId, Channel.valueOf(channel.kind().name()), categoryOf(templateId), null,
                templateId, null, false, true)
                .via(channel.provider(), templates.signature());
    }

    /** A template that is gone since the message was queued is treated as marketing, the strictest. */
    private ContactCategory categoryOf(String templateId) {
        if (OPT_OUT_CONFIRMATION_TEMPLATE.equals(templateId)) {
            return ContactCategory.OPT_OUT_CONFIRMATION;
        }
        boolean marketing = templates.find(templateId)
                .map(template -> template.category().isMarketing())
                .orElse(true);
        return marketing ? ContactCategory.MARKETING : ContactCategory.TRANSACTIONAL;
    }

    /** Stores a queued message and its first history row, in one transaction. */
    private Mono<MessageRow> stored(MessageRow row) {
        Mono<Void> stored = store.insert(row)
                .then(store.appendHistory(row.id(), DeliveryStatus.QUEUED, row.errorCode(), row.createdAt(),
                        row.createdAt()));
        return transaction.transactional(stored).thenReturn(row);
    }

    private MessageRow queuedRow(Draft draft, UUID contactLogId, String waitingFor, Instant nextAttemptAt) {
        return queuedRow(ids.next(), draft, contactLogId, waitingFor, nextAttemptAt);
    }

    /** A message about to be stored {@code QUEUED} under {@code id} (a campaign assigns its messages' ids). */
    MessageRow queuedRow(UUID id, Draft draft, UUID contactLogId, String waitingFor, Instant nextAttemptAt) {
        RenderedMessage rendered = draft.rendered();
        Instant now = clock.instant();
        return new MessageRow(id, draft.customer().id(), MessageDirection.OUTBOUND, draft.channel().kind(),
                draft.channel().provider(), null, draft.address(), rendered.templateId(), rendered.variantId(),
                rendered.text(), rendered.encoding().name(), rendered.segments(), rendered.cost(),
                rendered.currency().getCurrencyCode(), DeliveryStatus.QUEUED, waitingFor, contactLogId,
                draft.campaignId(), draft.sentBy(), 0, nextAttemptAt, null, now, now);
    }

    private Mono<SendOutcome> tryToSend(MessageRow message, OutboundChannel channel, int attempt) {
        return sendOnce(message, channel)
                .flatMap(outcome -> tryAgain(outcome, attempt)
                        ? Mono.delay(waitBefore((SendOutcome.RetryLater) outcome, attempt))
                                .then(tryToSend(message, channel, attempt + 1))
                        : Mono.just(outcome));
    }

    /**
     * One request to the provider, within its throughput ({@code max-per-second}, shared by every instance; a
     * retry is a request too). The contract says a channel never signals an error; one that does is treated as a
     * transient failure.
     */
    private Mono<SendOutcome> sendOnce(MessageRow message, OutboundChannel channel) {
        return rates.acquire("provider:" + channel.provider(), 1, settings.maxPerSecondOf(channel.provider()))
                .then(Mono.defer(() -> channel.send(message.toProvider())))
                .onErrorResume(failure -> {
                    log.warn("Channel {} failed to send message {}; treating it as retry-later",
                            channel.provider(), message.id(), failure);
                    return Mono.just(new SendOutcome.RetryLater("channel error", Duration.ZERO));
                })
                .defaultIfEmpty(new SendOutcome.RetryLater("no answer from the channel", Duration.ZERO));
    }

    private boolean tryAgain(SendOutcome outcome, int attempt) {
        return outcome instanceof SendOutcome.RetryLater later
                && attempt < settings.sendAttempts()
                && (later.after() == null || later.after().compareTo(settings.maxRetryWait()) <= 0);
    }

    /** Exponential from 200 ms, at least what the provider asked, at most the setting. */
    private Duration waitBefore(SendOutcome.RetryLater later, int attempt) {
        Duration backoff = Duration.ofMillis(200L << Math.min(attempt - 1, 10));
        Duration asked = later.after() == null ? Duration.ZERO : later.after();
        Duration wait = asked.compareTo(backoff) > 0 ? asked : backoff;
        return wait.compareTo(settings.maxRetryWait()) > 0 ? settings.maxRetryWait() : wait;
    }

    private Mono<SendResult> recordAccepted(MessageRow message, SendOutcome.Accepted accepted) {
        Instant now = clock.instant();
        Mono<Boolean> reached = accepted.reached() == DeliveryStatus.SENT ? Mono.just(true)
                : Mono.defer(() -> recorder.recordStatus(message, accepted.reached(), null, now));
        return store.recordProviderId(message.id(), accepted.providerId(), now)
                .then(recorder.recordStatus(message, DeliveryStatus.SENT, null, now))
                .then(reached)
                // a fast provider may already have reported it delivered: answer where it stands
                .then(store.findById(message.id()))
                .map(stored -> new SendResult.Sent(stored.id(), stored.status(), stored.errorCode()));
    }

    private Mono<SendResult> recordRetry(MessageRow message, SendOutcome.RetryLater later) {
        Instant now = clock.instant();
        Duration after = later.after() == null || later.after().isNegative() ? Duration.ZERO : later.after();
        Duration wait = after.compareTo(settings.sweepInterval()) > 0 ? after : settings.sweepInterval();
        return store.recordRetry(message.id(), later.reason(), now.plus(wait), now)
                .thenReturn(new SendResult.Sent(message.id(), DeliveryStatus.QUEUED, later.reason()));
    }

    private Mono<SendResult> recordRejected(MessageRow message, OutboundChannel channel, SendOutcome.Rejected rejected) {
        String errorCode = rejected.providerCode() != null ? rejected.providerCode() : rejected.reason().name();
        return recorder.recordStatus(message, DeliveryStatus.FAILED, errorCode, clock.instant())
                .then(releaseContact(message))
                .then(optOutIfUnsubscribed(message, channel, rejected))
                .thenReturn(new SendResult.Sent(message.id(), DeliveryStatus.FAILED, rejected.reason().name()));
    }

    /** The provider refused it, so the customer was not contacted: the contact no longer counts. */
    private Mono<Void> releaseContact(MessageRow message) {
        return message.contactLogId() == null ? Mono.empty() : gate.release(message.contactLogId());
    }

    private Mono<Void> optOutIfUnsubscribed(MessageRow message, OutboundChannel channel, SendOutcome.Rejected rejected) {
        if (rejected.reason() != RejectionReason.RECIPIENT_OPTED_OUT || message.customerId() == null) {
            return Mono.empty();
        }
        String provider = channel == null ? message.provider() : channel.provider();
        String via = provider + ":" + (rejected.providerCode() == null ? "opted-out" : rejected.providerCode());
        return customers.optOut(message.customerId(), via).then();
    }
}
