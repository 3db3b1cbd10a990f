import type { Metadata } from "next";
import { ImportForm } from "@/components/import-form";
import { requireEditorPage } from "@/lib/auth/server";
import { importMaxBytes } from "@/lib/import/parse";

export const metadata: Metadata = { title: "Import" };

export default async function ImportPage() {
  await requireEditorPage("/import");
  return (
    <>
      <h1>Import</h1>
      <p className="lede">
        Bring in a comparison exported from Dead Air, as JSON or CSV. Events are matched by their address, sources by name and figures by event,
        metric and source, so importing the same file twice changes nothing the second time. The import is all or nothing.
      </p>
      <ImportForm maxBytes={importMaxBytes()} />
    </>
  );
}
