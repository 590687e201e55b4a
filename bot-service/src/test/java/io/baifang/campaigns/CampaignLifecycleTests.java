package io.baifang.campaigns;

import java.util.stream.Stream;

import io.baifang.campaigns.CampaignLifecycle.Command;
import io.baifang.campaigns.CampaignLifecycle.Transition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static io.baifang.campaigns.CampaignStatus.CANCELLED;
import static io.baifang.campaigns.CampaignStatus.COMPLETED;
import static io.baifang.campaigns.CampaignStatus.DRAFT;
import static io.baifang.campaigns.CampaignStatus.PAUSED;
import static io.baifang.campaigns.CampaignStatus.RUNNING;
import static io.baifang.campaigns.CampaignStatus.SCHEDULED;
import static org.assertj.core.api.Assertions.assertThat;

class CampaignLifecycleTests {

    /** Every move the lifecycle allows; any other pair of status and command is refused. */
    static Stream<Arguments> allowedMoves() {
        return Stream.of(
                Arguments.of(DRAFT, Command.START, false, RUNNING),
                Arguments.of(DRAFT, Command.START, true, SCHEDULED),
                Arguments.of(SCHEDULED, Command.BEGIN, false, RUNNING),
                Arguments.of(RUNNING, Command.PAUSE, false, PAUSED),
                Arguments.of(PAUSED, Command.RESUME, false, RUNNING),
                Arguments.of(RUNNING, Command.COMPLETE, false, COMPLETED),
                Arguments.of(RUNNING, Command.COMPLETE, true, SCHEDULED),
                Arguments.of(DRAFT, Command.CANCEL, false, CANCELLED),
                Arguments.of(SCHEDULED, Command.CANCEL, false, CANCELLED),
                Arguments.of(RUNNING, Command.CANCEL, false, CANCELLED),
                Arguments.of(PAUSED, Command.CANCEL, false, CANCELLED));
    }

    @ParameterizedTest(name = "{0} + {1} (scheduled ahead: {2}) → {3}")
    @MethodSource("allowedMoves")
    void movesWhereTheLifecycleSays(CampaignStatus from, Command command, boolean ahead, CampaignStatus to) {
        assertThat(CampaignLifecycle.decide(from, command, ahead)).isEqualTo(new Transition.Move(to));
    }

    @ParameterizedTest(name = "from {0}")
    @EnumSource(CampaignStatus.class)
    void refusesEveryOtherCommandWithADetailThatNamesWhereTheCampaignStands(CampaignStatus from) {
        for (Command command : Command.values()) {
            boolean allowed = allowedMoves().anyMatch(move -> move.get()[0] == from && move.get()[1] == command);
            Transition transition = CampaignLifecycle.decide(from, command, false);
            if (allowed) {
                assertThat(transition).as("%s + %s", from, command).isInstanceOf(Transition.Move.class);
            } else {
                assertThat(transition).as("%s + %s", from, command).isInstanceOf(Transition.Refused.class);
                assertThat(((Transition.Refused) transition).detail()).contains(from.name().toLowerCase());
            }
        }
    }

    @Test
    void anEndedCampaignCannotBeMovedAtAll() {
        for (Command command : Command.values()) {
            assertThat(CampaignLifecycle.decide(COMPLETED, command, false)).isInstanceOf(Transition.Refused.class);
            assertThat(CampaignLifecycle.decide(CANCELLED, command, false)).isInstanceOf(Transition.Refused.class);
        }
        assertThat(((Transition.Refused) CampaignLifecycle.decide(CANCELLED, Command.RESUME, false)).detail())
                .isEqualTo("the campaign is cancelled; it cannot be resumed any more");
    }
}
