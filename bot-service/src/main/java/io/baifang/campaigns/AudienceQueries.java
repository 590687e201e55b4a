package io.baifang.campaigns;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.baifang.bookings.Bookings;
import io.baifang.contactpolicy.ContactGate;
import io.baifang.customers.CustomerCriteria;
import io.baifang.shared.BaifangProperties;
import org.springframework.stereotype.Component;

/**
 * A campaign's audience as the registry selects it, narrowed by what the contact log knows (last contacted
 * before a day), what earlier campaigns know (replied, or was sent and did not reply) and what the bookings know
 * (holds a booking still ahead, or not: as of the day the selection runs). The recipients written at start and the
 * estimate both select through this, so they always agree.
 */
@Component
class AudienceQueries {

    private static final CustomerCriteria EVERYONE = new CustomerCriteria(null, null, null, null, null, null, null);

    private final ContactGate gate;
    private final Bookings bookings;
    private final Clock clock;
    private final ZoneId zone;

    AudienceQueries(ContactGate gate, Bookings bookings, Clock clock, BaifangProperties baifang) {
        this.gate = gate;
        this.bookings = bookings;
        this.clock = clock;
        this.zone = baifang.zone();
    }

    /**
     * The customers the campaign's current wave is for if it began now: the audience for the first wave; for a
     * follow-up, the previous wave's recipients whose message went out and who have not replied (whatever the
     * audience says: a follow-up goes to the people the first wave reached).
     */
    CustomerCriteria recipientsOfCurrentWave(Campaign campaign) {
        if (campaign.wave() > 1) {
            return EVERYONE.narrowed(List.of(CampaignStore.followUpRecipients(campaign.id(), campaign.wave())),
                    List.of());
        }
        return criteriaOf(campaign.definition().audience());
    }

    CustomerCriteria criteriaOf(Audience audience) {
        List<CustomerCriteria.IdQuery> within = new ArrayList<>();
        List<CustomerCriteria.IdQuery> without = new ArrayList<>();
        if (audience.lastContactedBefore() != null) {
            without.add(gate.marketingContactedSince(audience.lastContactedBefore().atStartOfDay(zone).toInstant()));
        }
        if (audience.repliedTo() != null) {
            within.add(CampaignStore.repliedTo(audience.repliedTo()));
        }
        if (audience.notRepliedTo() != null) {
            within.add(CampaignStore.sentAndNotRepliedTo(audience.notRepliedTo()));
        }
        if (audience.hasBooking() != null) {
            CustomerCriteria.IdQuery holders = bookings.standingHolders(LocalDate.now(clock.withZone(zone)));
            (audience.hasBooking() ? within : without).add(holders);
        }
        return audience.registryCriteria().narrowed(within, without);
    }
}
