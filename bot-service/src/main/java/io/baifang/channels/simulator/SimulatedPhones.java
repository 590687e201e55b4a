package io.baifang.channels.simulator;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.baifang.channels.MessageDirection;
import io.baifang.channels.OutboundMessage;
import io.baifang.shared.MultiRowStatements;
import io.baifang.shared.MultiRowStatements.Column;
import io.baifang.shared.IdGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The simulated phones' screens ({@code simulated_phone_messages}, migration V4): what each phone received
 * and what its owner replied, kept in the database so a demo survives a restart. A phone is only its number:
 * one nobody wrote to or from is simply empty.
 */
@Repository
@Profile({"!prod", "simulator"})
class SimulatedPhones {

    private static final List<Column> COLUMNS = List.of(new Column("id", UUID.class), new Column("phone", String.class),
            new Column("direction", String.class), new Column("text", String.class),
            new Column("at", OffsetDateTime.class));

    private final DatabaseClient db;
    private final IdGenerator ids;

    SimulatedPhones(DatabaseClient db, IdGenerator ids) {
        this.db = db;
        this.ids = ids;
    }

    /** A message the service sent arrives on the phone. */
    Mono<PhoneMessage> received(String phone, String text, Instant at) {
        return keep(phone, MessageDirection.OUTBOUND, text, at);
    }

    /** Many messages the service sent arrive on their phones: one statement. */
    Mono<Void> receivedAll(List<OutboundMessage> messages, Instant at) {
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        return MultiRowStatements.insert(db, "simulated_phone_messages", COLUMNS, messages,
                message -> new Object[] {ids.next(), message.to(), MessageDirection.OUTBOUND.name(), message.text(), when});
    }

    /** The phone's owner typed a reply. */
    Mono<PhoneMessage> replied(String phone, String text, Instant at) {
        return keep(phone, MessageDirection.INBOUND, text, at);
    }

    /** Everything on the phone's screen, oldest first. */
    Flux<PhoneMessage> screenOf(String phone) {
        return db.sql("select direction, text, at from simulated_phone_messages where phone = :phone "
                        + "order by at, id")
                .bind("phone", phone)
                .map(row -> new PhoneMessage(MessageDirection.valueOf(row.get("direction", String.class)),
                        row.get("text", String.class), row.get("at", OffsetDateTime.class).toInstant()))
                .all();
    }

    private Mono<PhoneMessage> keep(String phone, MessageDirection direction, String text, Instant at) {
        UUID id = ids.next();
        return db.sql("insert into simulated_phone_messages (id, phone, direction, text, at) "
                        + "values (:id, :phone, :direction, :text, :at)")
                .bind("id", id)
                .bind("phone", phone)
                .bind("direction", direction.name())
                .bind("text", text)
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .then()
                .thenReturn(new PhoneMessage(direction, text, at));
    }

    /** One line on a phone's screen. */
    record PhoneMessage(MessageDirection direction, String text, Instant at) {

        @Override
        public String toString() {
            return "PhoneMessage[" + direction + ", " + at + "]";
        }
    }
}
