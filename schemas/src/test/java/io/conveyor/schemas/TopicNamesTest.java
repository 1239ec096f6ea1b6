package io.conveyor.schemas;

import io.conveyor.control.TaskKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicNamesTest {

    private final TopicNames topics = TopicNames.defaults();

    @Test
    void controlTopicsFollowTheDocumentedScheme() {
        assertThat(topics.triggers()).isEqualTo("conveyor.triggers");
        assertThat(topics.triggerDeadLetters()).isEqualTo("conveyor.triggers.dlq");
        assertThat(topics.schedulerState()).isEqualTo("conveyor.scheduler-state");
        assertThat(topics.runs()).isEqualTo("conveyor.runs");
        assertThat(topics.taskCommands(TaskKind.TRANSFORM)).isEqualTo("conveyor.task-commands.transform");
        assertThat(topics.taskStatus()).isEqualTo("conveyor.task-status");
    }

    @Test
    void dataAndDeadLetterTopicsArePerPipeline() {
        TopicNames custom = new TopicNames("acme");
        assertThat(custom.data("orders", "clean")).isEqualTo("acme.data.orders.clean");
        assertThat(custom.deadLetters("orders")).isEqualTo("acme.dlq.orders");
    }

    @Test
    void theReplayTopicsAreSharedByAllPipelinesAndCarryThePrefix() {
        TopicNames custom = new TopicNames("acme");
        assertThat(custom.deadLetterStates()).isEqualTo("acme.dead-letter-states");
        assertThat(custom.replays()).isEqualTo("acme.replays");
    }

    @Test
    void refusesNamesKafkaWouldRefuse() {
        assertThatThrownBy(() -> topics.deadLetters("my orders"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pipeline 'my orders'");
    }
}
