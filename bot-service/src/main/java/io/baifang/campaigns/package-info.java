/**
 * Campaigns: a chosen audience, a template (or weighted A/B variants, with an optional hold-out group), a
 * schedule, a throttle, live progress, and no customer messaged twice or beyond the contact policy.
 *
 * <p>How it is cut:
 * <ul>
 * <li>Rules, plain Java (an ArchUnit test keeps Spring and Reactor out): {@code CampaignLifecycle} (what a
 * command does to a status, or why not), {@code CampaignDefinitionCheck} (a request against the templates,
 * the branches and the caller, every field error at once), {@code RecipientAssignment} (hold-out, variant
 * and message id, derived from the ids alone), {@code RecipientUpdate} (what a send's result makes of a
 * recipient), {@code CampaignSchedule} and {@code Holiday} (a time, or a lunar holiday through
 * {@code cn.6tail:lunar}), {@code OfferedDay} (明天, 后天, 11月25日（周三）), {@code SendPace}.</li>
 * <li>{@code CampaignStore}: the {@code campaigns}, {@code campaign_branches} and {@code campaign_recipients}
 * tables (migration V8). Recipients are written by one {@code INSERT … SELECT} (the audience as
 * {@code CustomerDirectory.idQuery} gives it), claimed in batches in the order they come due (from the index
 * of due recipients, migration V9; on PostgreSQL a claim is one row of {@code campaign_claims}, V14, and the
 * recipients are not written until their outcome; on H2 they are marked {@code SENDING}), and updated one
 * statement per distinct outcome. On PostgreSQL the wave's counts are kept as recipients move
 * ({@code campaign_recipient_counts}, V15); on H2 {@code RecipientCounting} keeps a large wave's counts for a
 * while.</li>
 * <li>{@code CampaignDispatcher}: one batch, claim → assign → {@code CampaignMessaging} (channels: contact
 * policy → render → channel → record) → record; and the reconciliation of a claim whose dispatcher
 * stopped.</li>
 * <li>{@code CampaignRunner}: the loop that begins scheduled campaigns and gives each running one a turn at its
 * rate ({@code batches-in-flight} batches at once where the rate allows, {@code SendPace}), reading the status
 * before each batch (pause and cancel within a second), and completes it.</li>
 * <li>{@code RecipientDeliveries} ({@code DeliveryStatusChanged} → DELIVERED/FAILED, batched) and
 * {@code ReplyAttribution} ({@code MessageReceived} → the campaign message it answers,
 * {@link io.baifang.campaigns.CampaignReplyReceived}).</li>
 * <li>{@code Campaigns} (what staff do), {@code CampaignEstimates} (a dry run of the current wave through
 * {@code CampaignMessaging.preview} and {@code ContactGate.preview}: the audience, or for a follow-up the
 * previous wave's recipients who were sent the message and did not reply, as {@code AudienceQueries} selects
 * them), {@code CampaignsController} ({@code /api/campaigns}, progress as server-sent events).</li>
 * <li>{@code CampaignHolds} and {@code CampaignHoldStore} (table {@code campaign_holds}, migration V10): holds
 * ahead. A scheduled wave whose start comes within the policy's hold horizon holds its recipients' slots at
 * that start ({@code ContactGate.holdAheadAll}, streamed in batches), once per wave; holds of a wave that ended
 * (cancelled, completed, followed by the next) are released ({@code ContactGate.releaseHolds}).</li>
 * </ul>
 *
 * <p>Decisions made, for the reader:
 * <ul>
 * <li>At most once. A recipient's message id is derived from (campaign, wave, customer) before the send, and
 * the message is stored under it before it goes to the channel; the primary key refuses a second one. A
 * claim outlives its lease only if its dispatcher stopped: the recipient then takes the status of the message
 * stored under its id, or is pending again if none was stored. A message stored but not yet handed to its
 * provider is sent once by the channels' retry sweep; one handed over whose answer was never recorded has an
 * unknown outcome, stays {@code QUEUED} (the recipient {@code SENT}) and is never sent again: the provider's
 * status report, which carries our message id, settles it ({@code CampaignMessaging} marks a message handed
 * over right before the provider sees it).</li>
 * <li>A stop between the contact policy counting a recipient and its message being stored leaves a counted
 * contact without a message: reconciliation releases it ({@code ContactGate.releaseUnsent}: the wave's
 * contact-log line if it was written, else the wave's contact straight from the counters, for a stop between
 * counting and logging), so the recipient is decided afresh rather than refused by its own wave.</li>
 * <li>Refusals keep the policy's reason and rule on the recipient; quiet hours, and a cap that frees before
 * the campaign's {@code sendUntil}, defer it to that time; a paused policy (counters being rebuilt) leaves it
 * pending, tried again in {@code paused-retry}. A recipient that cannot be rendered (a customer without a
 * name) is suppressed {@code NOT_RENDERED} before anything is counted, so the contact log has no line for it;
 * the campaign's {@code notSentByReason} does.</li>
 * <li>The rate per second holds across instances: batches of at most a second's worth, each paid for out of
 * the campaign's token bucket ({@code io.baifang.shared.SendRates}, Bucket4j in Redis in production).</li>
 * <li>Speed ({@code scripts/bench-campaign.sh}, README "Speed"): every step of a batch is set-based (about a
 * dozen statements per 1,000 recipients); a million recipients go out at 9,400–10,450 msg/s with the simulated
 * gateway on the 2-core machine, both cores busy, PostgreSQL the larger share. On PostgreSQL a recipient row is
 * written once (claims are rows of their own, counts are kept as recipients move).</li>
 * <li>Holds ahead run in their own loop ({@code CampaignHolds}) beside {@code CampaignRunner}: placing a wave's
 * holds can take a while for a large audience and must not hold up the sends of running campaigns. The hold's
 * planned time is the wave's start; the wave's sends use the holds (the policy's own rule), so nothing in the
 * dispatcher knows about them. Placing is idempotent (the wave cap refuses a second hold of the wave), so a
 * placer that stopped is simply taken over. A hold placed for a customer who then does not become a recipient
 * (the audience changed, a reply came before a follow-up) stands until the wave ends.</li>
 * <li>STAFF and MANAGER campaigns are for their branches (their own when they name none); they see only
 * campaigns whose branches are all theirs, anything else is 404.</li>
 * </ul>
 *
 * <p>Public: {@link io.baifang.campaigns.CampaignReplyReceived}. Nothing else may depend on this module yet.
 */
package io.baifang.campaigns;
