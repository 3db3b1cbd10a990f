import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReportForm } from "@/components/forms/record-forms";
import { updateReportAction } from "@/lib/actions/records";
import { getReportOrThrow, getSources } from "@/lib/data/reads";
import { NotFoundError } from "@/lib/errors";
import { toFormValues } from "@/lib/validation/values";
import { requireEditorPage } from "@/lib/auth/server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit reported figure" };

export default async function EditReportPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  await requireEditorPage(`/events/${slug}/reports/${id}/edit`);
  const report = await getReportOrThrow(Number(id)).catch((e) => (e instanceof NotFoundError ? null : Promise.reject(e)));
  if (!report || report.event.slug !== slug) notFound();
  const sources = await getSources();
  return (
    <>
      <p className="breadcrumb">
        <Link href={`/events/${slug}#figures`}>← {report.event.title}</Link>
      </p>
      <h1>Edit reported figure</h1>
      <ReportForm
        action={updateReportAction.bind(null, slug, report.id)}
        medium={report.event.medium}
        sources={sources.map((s) => ({ value: String(s.id), label: s.name }))}
        initial={toFormValues(report)}
        version={report.version}
        submitLabel="Save figure"
      />
    </>
  );
}
