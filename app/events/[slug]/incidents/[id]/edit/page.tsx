import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { IncidentForm } from "@/components/forms/record-forms";
import { updateIncidentAction } from "@/lib/actions/records";
import { getIncidentOrThrow, getSources } from "@/lib/data/reads";
import { NotFoundError } from "@/lib/errors";
import { toFormValues } from "@/lib/validation/values";
import { requireEditorPage } from "@/lib/auth/server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit incident" };

export default async function EditIncidentPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  await requireEditorPage(`/events/${slug}/incidents/${id}/edit`);
  const incident = await getIncidentOrThrow(Number(id)).catch((e) => (e instanceof NotFoundError ? null : Promise.reject(e)));
  if (!incident || incident.event.slug !== slug) notFound();
  const sources = await getSources();
  return (
    <>
      <p className="breadcrumb">
        <Link href={`/events/${slug}#incidents`}>← {incident.event.title}</Link>
      </p>
      <h1>Edit incident</h1>
      <IncidentForm
        action={updateIncidentAction.bind(null, slug, incident.id)}
        sources={sources.map((s) => ({ value: String(s.id), label: s.name }))}
        initial={toFormValues(incident)}
        version={incident.version}
        submitLabel="Save incident"
      />
    </>
  );
}
