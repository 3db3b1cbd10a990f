import type { Metadata } from "next";
import Link from "next/link";
import { DeleteForm, SourceForm } from "@/components/forms/record-forms";
import { createSourceAction, deleteSourceAction } from "@/lib/actions/records";
import { getViewer } from "@/lib/auth/server";
import { getSources } from "@/lib/data/reads";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sources" };

export default async function SourcesPage() {
  const [sources, viewer] = await Promise.all([getSources(), getViewer()]);
  return (
    <>
      <h1>Sources</h1>
      <p className="lede">The outlets and people whose figures and claims are on record, with the leaning given by whoever cites them.</p>
      {sources.length === 0 ? (
        <p className="empty-inline">No sources yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Sources</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Leaning</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sources.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.homeUrl ? <a href={s.homeUrl}>{s.name}</a> : s.name}</th>
                  <td>{s.kind}</td>
                  <td>{s.leaning ?? <span className="muted">—</span>}</td>
                  <td className="row-actions">
                    {viewer.canEdit && (
                      <>
                        <Link href={`/sources/${s.id}/edit`}>
                          Edit<span className="visually-hidden"> {s.name}</span>
                        </Link>
                        <DeleteForm action={deleteSourceAction.bind(null, s.id)} what={`the source ${s.name}`} />
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {viewer.canEdit ? (
        <details className="add">
          <summary>Add a source</summary>
          <SourceForm action={createSourceAction} submitLabel="Add source" />
        </details>
      ) : (
        <p className="hint">
          <a href="/signin?next=%2Fsources">Sign in</a> as an editor to add or correct sources.
        </p>
      )}
    </>
  );
}
