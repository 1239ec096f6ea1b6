package io.conveyor.scheduler.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conveyor.control.Alert;
import io.conveyor.control.TaskCounts;

/** What a webhook is sent for an alert: the alert as generic JSON, or a Slack incoming-webhook message. */
final class AlertBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertBodies() {
    }

    static String body(WebhookChannel.Format format, Alert alert) {
        return switch (format) {
            case JSON -> json(alert);
            case SLACK -> slack(alert);
        };
    }

    /** Every field of the alert, times in ISO-8601; {@code id} is the same on every delivery of the alert. */
    static String json(Alert alert) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", alert.getId());
        body.put("kind", alert.getKind().name());
        body.put("pipeline", alert.getPipeline());
        body.put("pipelineVersion", alert.getPipelineVersion());
        body.put("runId", alert.getRunId());
        body.put("runStatus", alert.getRunStatus());
        body.put("logicalTime", alert.getLogicalTime().toString());
        body.put("raisedAt", alert.getRaisedAt().toString());
        body.put("summary", alert.getSummary());
        TaskCounts counts = alert.getCounts();
        body.putObject("counts").put("recordsIn", counts.getRecordsIn()).put("recordsOut", counts.getRecordsOut())
                .put("recordsRejected", counts.getRecordsRejected()).put("recordsDropped", counts.getRecordsDropped());
        alert.getFailedTasks().forEach(body.putArray("failedTasks")::add);
        return write(body);
    }

    /**
     * Slack's incoming-webhook message: {@code text} is what notifications show, and what any
     * Slack-compatible receiver (Mattermost, Rocket.Chat, Teams' Slack connector) reads.
     */
    static String slack(Alert alert) {
        String heading = switch (alert.getKind()) {
            case RUN_FAILED -> ":red_circle: Run failed";
            case SLA_MISSED -> ":hourglass: SLA missed";
            case REJECT_RATE -> ":warning: Reject rate over the limit";
            default -> "Alert";
        };
        ObjectNode body = JSON.createObjectNode();
        body.put("text", heading + " - " + escape(alert.getPipeline()) + "\n" + escape(alert.getSummary()) + "\nrun `"
                + escape(alert.getRunId()) + "` (logical time " + alert.getLogicalTime() + ", alert `" + escape(alert.getId()) + "`)");
        return write(body);
    }

    /** Slack reads &amp;, &lt; and &gt; as control characters in message text. */
    private static String escape(CharSequence text) {
        return text.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String write(ObjectNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
