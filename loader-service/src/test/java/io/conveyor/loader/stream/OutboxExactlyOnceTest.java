package io.conveyor.loader.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.TaskStatus;
import io.conveyor.control.TaskStatusType;
import io.conveyor.dataplane.testing.DataTopics;
import io.conveyor.deadletter.DeadLetter;
import io.conveyor.pipeline.spec.sink.TableTarget;
import io.conveyor.pipeline.spec.sink.WriteMode;
import io.conveyor.testkit.ConveyorStack;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutboxExactlyOnceTest extends LoaderFixtureTest {

    private static final int CRASHES = 2;

    OutboxExactlyOnceTest(ConveyorStack stack) {
        super(stack);
    }

    @Test
    void aPublisherFailingAfterKafkaCommittedPublishesEachDeadLetterAndReportOnce() throws Exception {
        fixture.execute("CREATE TABLE checked (id bigint NOT NULL, name text NOT NULL, amount numeric(4,2),"
                + " born date, seen timestamptz, active boolean)");
        AtomicInteger commits = new AtomicInteger();
        Runnable crashTwice = () -> {
            if (commits.incrementAndGet() <= CRASHES) {
                throw new IllegalStateException("publisher dies after the Kafka commit, before deleting the outbox");
            }
        };
        try (LoadService service = fixture.service(2, crashTwice)) {
            fixture.command("people@m-eo", new TableTarget("checked", WriteMode.APPEND, List.of()));
            fixture.topics.produceRun(fixture.input, "people@m-eo", "clean", 2, List.of(
                    new DataTopics.Data(0, "1", LoadServiceTest.person(1, "Ada", "111")),
                    new DataTopics.Data(0, "2", LoadServiceTest.person(2, "Bob", "2")),
                    new DataTopics.Data(0, "3", LoadServiceTest.person(3, "Cy", "333")),
                    new DataTopics.Data(1, "4", LoadServiceTest.person(4, "Di", "444")),
                    new DataTopics.Data(1, "5", LoadServiceTest.person(5, "Ed", "5"))));

            fixture.awaitDone("people@m-eo", 2);
            LoaderFixture.await("the outbox published and emptied",
                    () -> commits.get() > CRASHES && outboxRows() == 0);
        }

        List<DeadLetter> letters = fixture.readAll(fixture.names.deadLetters(LoaderFixture.PIPELINE)).stream()
                .map(record -> fixture.topics.<DeadLetter>specific(record)).toList();
        List<TaskStatus> reports = fixture.readAll(fixture.names.taskStatus()).stream()
                .map(record -> fixture.topics.<TaskStatus>specific(record)).toList();
        assertThat(letters).extracting(letter -> letter.getSourcePartition() + "@" + letter.getSourceOffset())
                .containsExactlyInAnyOrder("0@0", "0@2", "1@0");
        assertThat(reports).filteredOn(status -> status.getState() == TaskStatusType.PARTITION_DONE)
                .extracting(TaskStatus::getPartition).containsExactlyInAnyOrder(0, 1);
        assertThat(reports).filteredOn(status -> status.getState() == TaskStatusType.STARTED)
                .extracting(TaskStatus::getPartition).containsExactlyInAnyOrder(0, 1);
        assertThat(fixture.rows("SELECT name FROM checked ORDER BY id")).containsExactly("Bob", "Ed");
    }

    private long outboxRows() {
        try {
            return fixture.count("SELECT count(*) FROM conveyor_outbox");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the outbox", e);
        }
    }
}
