import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SourceForm } from "@/components/forms/record-forms";
import { updateSourceAction } from "@/lib/actions/records";
import { getSourceOrThrow } from "@/lib/data/reads";
import { NotFoundError } from "@/lib/errors";
import { toFormValues } from "@/lib/validation/values";
import { requireEditorPage } from "@/lib/auth/server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit source" };

export default async function EditSourcePage({ params }: { params: Promise<{ id: string }> }) {
  await requireEditorPage(`/sources/${(await params).id}/edit`);
  const source = await getSourceOrThrow(Number((await params).id)).catch((e) => (e instanceof NotFoundError ? null : Promise.reject(e)));
  if (!source) notFound();
  return (
    <>
      <p className="breadcrumb">
        <Link href="/sources">← Sources</Link>
      </p>
      <h1>Edit source</h1>
      <SourceForm
        action={updateSourceAction.bind(null, source.id)}
        initial={toFormValues(source)}
        version={source.version}
        submitLabel="Save source"
      />
    </>
  );
}
