import type { Metadata } from "next";
import { EventForm } from "@/components/forms/event-form";
import { createEventAction } from "@/lib/actions/events";
import { requireEditorPage } from "@/lib/auth/server";
import { listTimeZones } from "@/lib/domain/time";

export const metadata: Metadata = { title: "New event" };

export default async function NewEventPage() {
  await requireEditorPage("/events/new");
  return (
    <>
      <h1>New event</h1>
      <p className="lede">Record a live broadcast. Figures, incidents and claims are added on the event&apos;s page once it is saved.</p>
      <EventForm action={createEventAction} timeZones={listTimeZones()} submitLabel="Create event" />
    </>
  );
}
