"use server";
// Form actions for what the event page adds, edits and deletes: reported figures, incidents, claims, sources.
import { createClaim, deleteClaim, updateClaim } from "../data/claim-writes";
import { createIncident, deleteIncident, updateIncident } from "../data/incident-writes";
import { createMoment, deleteMoment, updateMoment } from "../data/moment-writes";
import { createReport, deleteReport, updateReport } from "../data/report-writes";
import { createSource, deleteSource, updateSource } from "../data/source-writes";
import { CLAIM_FIELDS } from "../validation/claim";
import type { FormState } from "../validation/form-state";
import { INCIDENT_FIELDS } from "../validation/incident";
import { MOMENT_FIELDS } from "../validation/moment";
import { REPORT_FIELDS } from "../validation/report";
import { SourceInput } from "../validation/source";
import { pick, runFormAction } from "./run";

const eventPaths = (slug: string) => ["/", "/events", `/events/${slug}`];

export async function createReportAction(slug: string, _s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    {
      input: (v) => pick(v, REPORT_FIELDS),
      perform: (ctx, input) => createReport({ ctx, slug, input }),
      revalidate: () => eventPaths(slug),
      success: "Figure added.",
    },
    formData,
  );
}

export async function updateReportAction(slug: string, id: number, _s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    {
      input: (v) => pick(v, [...REPORT_FIELDS, "version"]),
      perform: (ctx, input) => updateReport({ ctx, id, input }),
      revalidate: () => eventPaths(slug),
      redirectTo: () => `/events/${slug}#figures`,
      success: "Figure saved.",
    },
    formData,
  );
}

export async function deleteReportAction(slug: string, id: number, _s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    { input: () => undefined, perform: (ctx) => deleteReport({ ctx, id }), revalidate: () => eventPaths(slug), success: "Figure deleted." },
    formData,
  );
}

export async function createIncidentAction(slug: string, _s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    {
      input: (v) => pick(v, INCIDENT_FIELDS),
      perform: (ctx, input) => createIncident({ ctx, slug, input }),
      revalidate: () => eventPaths(slug),
      success: "Incident added.",
    },
    formData,
  );
}

export async function updateIncidentAction(slug: string, id: number, _s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    {
      input: (v) => pick(v, [...INCIDENT_FIELDS, "version"]),
      perform: (ctx, input) => updateIncident({ ctx, id, input }),
      revalidate: () => eventPaths(slug),
      redirectTo: () => `/events/${slug}#incidents`,
      success: "Incident saved.",
    },
    formData,
  );
}

export async function deleteIncidentAction(slug: string, id: number, _s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    { input: () => undefined, perform: (ctx) => deleteIncident({ ctx, id }), revalidate: () => eventPaths(slug), success: "Incident deleted." },
    formData,
  );
}

export async function createMomentAction(slug: string, _s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    {
      input: (v) => pick(v, MOMENT_FIELDS),
      perform: (ctx, input) => createMoment({ ctx, slug, input }),
      revalidate: () => eventPaths(slug),
      success: "Key moment added.",
    },
    formData,
  );
}

export async function updateMomentAction(slug: string, id: number, _s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    {
      input: (v) => pick(v, [...MOMENT_FIELDS, "version"]),
      perform: (ctx, input) => updateMoment({ ctx, id, input }),
      revalidate: () => eventPaths(slug),
      redirectTo: () => `/events/${slug}#moments`,
      success: "Key moment saved.",
    },
    formData,
  );
}

export async function deleteMomentAction(slug: string, id: number, _s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    { input: () => undefined, perform: (ctx) => deleteMoment({ ctx, id }), revalidate: () => eventPaths(slug), success: "Key moment deleted." },
    formData,
  );
}

/** The fields of a stance row the claim form has. */
const STANCE_FORM_FIELDS = ["sourceId", "stance", "quote", "quoteLang", "quoteEnglish", "reportedOn"] as const;

/** Stance rows arrive as stances.N.sourceId / .stance / .quote / …; a row without a source is left out. */
function claimInput(values: Record<string, string>, withVersion: boolean) {
  const stances: Record<string, string>[] = [];
  for (let i = 0; `stances.${i}.sourceId` in values; i++) {
    if (values[`stances.${i}.sourceId`]) {
      stances.push(Object.fromEntries(STANCE_FORM_FIELDS.map((f) => [f, values[`stances.${i}.${f}`] ?? ""])));
    }
  }
  const fields = CLAIM_FIELDS.filter((f) => f !== "stances");
  return { ...pick(values, withVersion ? [...fields, "version"] : fields), stances };
}

export async function createClaimAction(slug: string, _s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    {
      input: (v) => claimInput(v, false),
      perform: (ctx, input) => createClaim({ ctx, slug, input }),
      revalidate: () => eventPaths(slug),
      success: "Claim added.",
    },
    formData,
  );
}

export async function updateClaimAction(slug: string, id: number, _s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    {
      input: (v) => claimInput(v, true),
      perform: (ctx, input) => updateClaim({ ctx, id, input }),
      revalidate: () => eventPaths(slug),
      redirectTo: () => `/events/${slug}#claims`,
      success: "Claim saved.",
    },
    formData,
  );
}

export async function deleteClaimAction(slug: string, id: number, _s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    { input: () => undefined, perform: (ctx) => deleteClaim({ ctx, id }), revalidate: () => eventPaths(slug), success: "Claim deleted." },
    formData,
  );
}

const SOURCE_FIELDS = Object.keys(SourceInput.shape);

export async function createSourceAction(_s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    {
      input: (v) => pick(v, SOURCE_FIELDS),
      perform: (ctx, input) => createSource({ ctx, input }),
      revalidate: () => ["/sources"],
      success: "Source added.",
    },
    formData,
  );
}

export async function updateSourceAction(id: number, _s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    {
      input: (v) => pick(v, [...SOURCE_FIELDS, "version"]),
      perform: (ctx, input) => updateSource({ ctx, id, input }),
      revalidate: () => ["/sources", "/", "/events"],
      redirectTo: () => "/sources",
      success: "Source saved.",
    },
    formData,
  );
}

export async function deleteSourceAction(id: number, _s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    { input: () => undefined, perform: (ctx) => deleteSource({ ctx, id }), revalidate: () => ["/sources"], success: "Source deleted." },
    formData,
  );
}
