import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EventForm } from "@/components/forms/event-form";
import { updateEventAction } from "@/lib/actions/events";
import { getEvent } from "@/lib/data/reads";
import { listTimeZones } from "@/lib/domain/time";
import { toFormValues } from "@/lib/validation/values";
import { requireEditorPage } from "@/lib/auth/server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit event" };

export default async function EditEventPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireEditorPage(`/events/${slug}/edit`);
  const event = await getEvent(slug);
  if (!event) notFound();
  return (
    <>
      <p className="breadcrumb">
        <Link href={`/events/${slug}`}>← {event.title}</Link>
      </p>
      <h1>Edit event</h1>
      <EventForm
        action={updateEventAction.bind(null, slug)}
        timeZones={listTimeZones()}
        initial={toFormValues(event, event.timeZone)}
        version={event.version}
        submitLabel="Save event"
      />
    </>
  );
}
