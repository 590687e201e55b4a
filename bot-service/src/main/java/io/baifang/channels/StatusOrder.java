package io.baifang.channels;

import java.util.EnumSet;
import java.util.Set;

/**
 * How far along a status is. A message's current status only moves forward: providers report out of order
 * (a late {@code sent} after {@code delivered}), and the history keeps every report anyway. The final
 * statuses share one rank, so the first final report stands.
 */
final class StatusOrder {

    private StatusOrder() {
    }

    static int rankOf(DeliveryStatus status) {
        return switch (status) {
            case QUEUED -> 0;
            case SENT -> 1;
            case DELIVERED, UNDELIVERED, FAILED, RECEIVED -> 2;
        };
    }

    /** {@link #rankOf} in SQL, of the status in {@code column}. */
    static String rankExpression(String column) {
        StringBuilder sql = new StringBuilder("(case ").append(column);
        for (DeliveryStatus status : DeliveryStatus.values()) {
            sql.append(" when '").append(status.name()).append("' then ").append(rankOf(status));
        }
        return sql.append(" else 0 end)").toString();
    }

    /** The statuses a message may be in for {@code reported} to become its current status. */
    static Set<DeliveryStatus> overtakenBy(DeliveryStatus reported) {
        Set<DeliveryStatus> behind = EnumSet.noneOf(DeliveryStatus.class);
        for (DeliveryStatus status : DeliveryStatus.values()) {
            if (rankOf(status) < rankOf(reported)) {
                behind.add(status);
            }
        }
        return behind;
    }
}
