import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ClaimForm } from "@/components/forms/record-forms";
import { updateClaimAction } from "@/lib/actions/records";
import { getClaimOrThrow, getEventDetail, getSources } from "@/lib/data/reads";
import { incidentKindLabel } from "@/lib/domain/options";
import { NotFoundError } from "@/lib/errors";
import { toFormValues } from "@/lib/validation/values";
import { requireEditorPage } from "@/lib/auth/server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit claim" };

export default async function EditClaimPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  await requireEditorPage(`/events/${slug}/claims/${id}/edit`);
  const claim = await getClaimOrThrow(Number(id)).catch((e) => (e instanceof NotFoundError ? null : Promise.reject(e)));
  if (!claim || claim.event.slug !== slug) notFound();
  const [sources, event] = await Promise.all([getSources(), getEventDetail(slug)]);
  return (
    <>
      <p className="breadcrumb">
        <Link href={`/events/${slug}#claims`}>← {claim.event.title}</Link>
      </p>
      <h1>Edit claim</h1>
      <ClaimForm
        action={updateClaimAction.bind(null, slug, claim.id)}
        sources={sources.map((s) => ({ value: String(s.id), label: s.name }))}
        incidents={(event?.incidents ?? []).map((i) => ({ value: String(i.id), label: incidentKindLabel(i.kind) }))}
        initial={toFormValues(claim)}
        stances={claim.stances.map((s) => {
          const values = toFormValues(s);
          return {
            sourceId: values.sourceId,
            stance: values.stance,
            quote: values.quote,
            quoteLang: values.quoteLang,
            quoteEnglish: values.quoteEnglish,
            reportedOn: values.reportedOn,
          };
        })}
        version={claim.version}
        submitLabel="Save claim"
      />
    </>
  );
}
