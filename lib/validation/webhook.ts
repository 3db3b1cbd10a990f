// Webhook endpoints: where alerts go and which events they get, checked once for the admin form and any other caller.
import { z } from "zod";
import { isHttpUrl, plainText, requiredText } from "./fields";

/** What an endpoint can subscribe to, in the order forms list them. */
export const WEBHOOK_EVENTS = ["incident.opened", "incident.closed", "incident.updated"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  "incident.opened": "Incident opened",
  "incident.closed": "Incident closed",
  "incident.updated": "Incident updated",
};

/** The message "Send a test" delivers; never stored as a subscription. */
export const WEBHOOK_TEST_EVENT = "webhook.test";

export const WebhookEndpointInput = z.strictObject({
  url: requiredText("URL", 2000).refine(isHttpUrl, { error: "URL must be a web address starting with http:// or https://." }),
  description: plainText("Description", 200),
  // A form sends one value per ticked box; a single tick arrives as a plain string.
  events: z.preprocess(
    (v) => (v === undefined || v === "" ? [] : typeof v === "string" ? [v] : v),
    z
      .array(z.string({ error: "Events must be a list of event names." }), { error: "Events must be a list of event names." })
      .min(1, { error: "Choose at least one event." })
      .max(20, { error: "Events must be a short list of event names." })
      // Checked on the whole list, so that the message is the field's (the form has one group of ticks), not an index's.
      .refine((chosen) => chosen.every((e) => (WEBHOOK_EVENTS as readonly string[]).includes(e)), {
        error: `Events must be among: ${WEBHOOK_EVENTS.join(", ")}.`,
      })
      // Stored in the catalogue's order, each once.
      .transform((chosen) => WEBHOOK_EVENTS.filter((e) => chosen.includes(e))),
  ),
});
export type WebhookEndpointInput = z.infer<typeof WebhookEndpointInput>;
