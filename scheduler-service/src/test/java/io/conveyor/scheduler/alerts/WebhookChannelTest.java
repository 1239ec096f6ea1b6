package io.conveyor.scheduler.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator's webhook channels, as {@code CONVEYOR_ALERTS_WEBHOOKS} gives them. */
class WebhookChannelTest {

    private static final String KEY = "conveyor.alerts.webhooks";
    private static final String SLACK = "https://hooks.slack.example/services/T000/B000/secret-token";

    @Test
    void entriesAreNameFormatAndAUrlThatMayHoldColons() {
        List<WebhookChannel> channels = WebhookChannel.parse(List.of("ops:json:http://alerts.example:8080/hook", " chat:SLACK:" + SLACK, ""),
                KEY);

        assertThat(channels).containsExactly(
                new WebhookChannel("ops", WebhookChannel.Format.JSON, URI.create("http://alerts.example:8080/hook")),
                new WebhookChannel("chat", WebhookChannel.Format.SLACK, URI.create(SLACK)));
        assertThat(channels.get(1)).hasToString("chat (slack)");
    }

    @Test
    void aBadEntryIsRefusedByPositionAndNameWithoutItsUrl() {
        assertThatThrownBy(() -> WebhookChannel.parse(List.of("ops:json:http://a.example/x", "chat:teams:" + SLACK), KEY))
                .hasMessage("conveyor.alerts.webhooks[1] (chat): unknown format 'teams'; it is json or slack");
        assertThatThrownBy(() -> WebhookChannel.parse(List.of("chat:slack:file:///etc/passwd"), KEY))
                .hasMessage("conveyor.alerts.webhooks[0] (chat): the URL must be an absolute http or https URL");
        assertThatThrownBy(() -> WebhookChannel.parse(List.of(SLACK), KEY))
                .hasMessageStartingWith("conveyor.alerts.webhooks[0] (https): expected name:format:url")
                .hasMessageNotContaining("secret-token");
        assertThatThrownBy(() -> WebhookChannel.parse(List.of("ops:json:http://a.example/x", "ops:slack:" + SLACK), KEY))
                .hasMessage("conveyor.alerts.webhooks[1] (ops): a channel of that name is defined twice");
    }
}
