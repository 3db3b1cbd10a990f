"use server";
// Form actions for events: create, update and delete.
import { createEvent, deleteEvent, updateEvent } from "../data/event-writes";
import type { FormState } from "../validation/form-state";
import { EventInput } from "../validation/event";
import { pick, runFormAction } from "./run";

const FIELDS = Object.keys(EventInput.shape);

export async function createEventAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    {
      input: (v) => pick(v, FIELDS),
      perform: (ctx, input) => createEvent({ ctx, input }),
      revalidate: () => ["/", "/events"],
      redirectTo: (event) => `/events/${event.slug}`,
      success: "Event created.",
    },
    formData,
  );
}

export async function updateEventAction(slug: string, _state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    {
      input: (v) => pick(v, [...FIELDS, "version"]),
      perform: (ctx, input) => updateEvent({ ctx, slug, input }),
      revalidate: (event) => ["/", "/events", `/events/${event.slug}`],
      redirectTo: (event) => `/events/${event.slug}`,
      success: "Event saved.",
    },
    formData,
  );
}

export async function deleteEventAction(slug: string, _state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    {
      input: () => undefined,
      perform: (ctx) => deleteEvent({ ctx, slug }),
      revalidate: () => ["/", "/events"],
      redirectTo: () => "/events?deleted=1",
      success: "Event deleted.",
    },
    formData,
  );
}
