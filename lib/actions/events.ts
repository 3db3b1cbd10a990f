"use server";
// Form actions for events: create, update and delete.
import { z } from "zod";
import { createEvent, deleteEvent, updateEvent } from "../data/event-writes";
import type { FormState } from "../validation/form-state";
import { EventInput, EventUpdate } from "../validation/event";
import { pick, runFormAction } from "./run";

const FIELDS = Object.keys(EventInput.shape);

export async function createEventAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    {
      schema: EventInput,
      input: (v) => pick(v, FIELDS),
      perform: (data, actor) => createEvent(data, actor),
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
      schema: EventUpdate,
      input: (v) => pick(v, [...FIELDS, "version"]),
      perform: (data, actor) => updateEvent(slug, data, actor),
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
      schema: z.object({}),
      input: () => ({}),
      perform: (_d, actor) => deleteEvent(slug, actor),
      revalidate: () => ["/", "/events"],
      redirectTo: () => "/events?deleted=1",
      success: "Event deleted.",
    },
    formData,
  );
}
