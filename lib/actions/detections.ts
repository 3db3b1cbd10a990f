"use server";
// Form actions of the live event page: editors confirm or dismiss what the monitor detected.
import { reviewDetectedIncident } from "../data/detections";
import { authorizeWrite } from "../data/operation";
import { isOneOf } from "../domain/options";
import { InvalidInputError } from "../errors";
import type { FormState } from "../validation/form-state";
import { runFormAction } from "./run";

const REVIEWS = ["confirmed", "dismissed"] as const;

/** The review comes from the button pressed (name "review"); anything else is refused before the operation runs. */
export async function reviewIncidentAction(slug: string, id: number, _s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    {
      input: (v) => v.review ?? "",
      perform: (ctx, review) => {
        // The caller first, as every operation does: a stranger is told to sign in, not which values are allowed.
        authorizeWrite(ctx);
        if (typeof review !== "string" || !isOneOf(REVIEWS, review))
          throw new InvalidInputError("Choose Confirm or Dismiss.", { review: ["Review must be confirmed or dismissed."] });
        return reviewDetectedIncident({ ctx, id, review });
      },
      revalidate: () => ["/", `/events/${slug}`],
      success: "Saved.",
    },
    formData,
  );
}
