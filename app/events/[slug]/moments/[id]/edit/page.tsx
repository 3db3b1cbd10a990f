import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MomentForm } from "@/components/forms/record-forms";
import { updateMomentAction } from "@/lib/actions/records";
import { requireEditorPage } from "@/lib/auth/server";
import { getMomentOrThrow, getSources } from "@/lib/data/reads";
import { NotFoundError } from "@/lib/errors";
import { toFormValues } from "@/lib/validation/values";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit key moment" };

export default async function EditMomentPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  await requireEditorPage(`/events/${slug}/moments/${id}/edit`);
  const moment = await getMomentOrThrow(Number(id)).catch((e) => (e instanceof NotFoundError ? null : Promise.reject(e)));
  if (!moment || moment.event.slug !== slug) notFound();
  const sources = await getSources();
  return (
    <>
      <p className="breadcrumb">
        <Link href={`/events/${slug}#moments`}>← {moment.event.title}</Link>
      </p>
      <h1>Edit key moment</h1>
      <MomentForm
        action={updateMomentAction.bind(null, slug, moment.id)}
        sources={sources.map((s) => ({ value: String(s.id), label: s.name }))}
        initial={toFormValues(moment, moment.event.timeZone)}
        timeZone={moment.event.timeZone}
        version={moment.version}
        submitLabel="Save key moment"
      />
    </>
  );
}
