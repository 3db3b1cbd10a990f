"use server";
// Form actions for what the event page adds, edits and deletes: reported figures, incidents, claims, sources.
import { z } from "zod";
import { createClaim, deleteClaim, updateClaim } from "../data/claim-writes";
import { createIncident, deleteIncident, updateIncident } from "../data/incident-writes";
import { createReport, deleteReport, updateReport } from "../data/report-writes";
import { createSource, deleteSource, updateSource } from "../data/source-writes";
import { CLAIM_FIELDS, ClaimInput, ClaimUpdate } from "../validation/claim";
import type { FormState } from "../validation/form-state";
import { INCIDENT_FIELDS, IncidentInput, IncidentUpdate } from "../validation/incident";
import { REPORT_FIELDS, ReportInput, ReportUpdate } from "../validation/report";
import { SourceInput, SourceUpdate } from "../validation/source";
import { pick, runFormAction } from "./run";

const nothing = z.object({});
const eventPaths = (slug: string) => ["/", "/events", `/events/${slug}`];

export async function createReportAction(slug: string, _s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    { schema: ReportInput, input: (v) => pick(v, REPORT_FIELDS), perform: (d, actor) => createReport(slug, d, actor), revalidate: () => eventPaths(slug), success: "Figure added." },
    formData,
  );
}

export async function updateReportAction(slug: string, id: number, _s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    {
      schema: ReportUpdate,
      input: (v) => pick(v, [...REPORT_FIELDS, "version"]),
      perform: (d, actor) => updateReport(id, d, actor),
      revalidate: () => eventPaths(slug),
      redirectTo: () => `/events/${slug}#figures`,
      success: "Figure saved.",
    },
    formData,
  );
}

export async function deleteReportAction(slug: string, id: number, _s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    { schema: nothing, input: () => ({}), perform: (_d, actor) => deleteReport(id, actor), revalidate: () => eventPaths(slug), success: "Figure deleted." },
    formData,
  );
}

export async function createIncidentAction(slug: string, _s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    { schema: IncidentInput, input: (v) => pick(v, INCIDENT_FIELDS), perform: (d, actor) => createIncident(slug, d, actor), revalidate: () => eventPaths(slug), success: "Incident added." },
    formData,
  );
}

export async function updateIncidentAction(slug: string, id: number, _s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    {
      schema: IncidentUpdate,
      input: (v) => pick(v, [...INCIDENT_FIELDS, "version"]),
      perform: (d, actor) => updateIncident(id, d, actor),
      revalidate: () => eventPaths(slug),
      redirectTo: () => `/events/${slug}#incidents`,
      success: "Incident saved.",
    },
    formData,
  );
}

export async function deleteIncidentAction(slug: string, id: number, _s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    { schema: nothing, input: () => ({}), perform: (_d, actor) => deleteIncident(id, actor), revalidate: () => eventPaths(slug), success: "Incident deleted." },
    formData,
  );
}

/** Stance rows arrive as stances.N.sourceId / .stance / .quote; a row without a source is left out. */
function claimInput(values: Record<string, string>, withVersion: boolean) {
  const stances: Record<string, string>[] = [];
  for (let i = 0; `stances.${i}.sourceId` in values; i++) {
    if (values[`stances.${i}.sourceId`]) {
      stances.push(pick({ sourceId: values[`stances.${i}.sourceId`], stance: values[`stances.${i}.stance`] ?? "", quote: values[`stances.${i}.quote`] ?? "" }, ["sourceId", "stance", "quote"]) as Record<string, string>);
    }
  }
  const fields = CLAIM_FIELDS.filter((f) => f !== "stances");
  return { ...pick(values, withVersion ? [...fields, "version"] : fields), stances };
}

export async function createClaimAction(slug: string, _s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    { schema: ClaimInput, input: (v) => claimInput(v, false), perform: (d, actor) => createClaim(slug, d, actor), revalidate: () => eventPaths(slug), success: "Claim added." },
    formData,
  );
}

export async function updateClaimAction(slug: string, id: number, _s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    {
      schema: ClaimUpdate,
      input: (v) => claimInput(v, true),
      perform: (d, actor) => updateClaim(id, d, actor),
      revalidate: () => eventPaths(slug),
      redirectTo: () => `/events/${slug}#claims`,
      success: "Claim saved.",
    },
    formData,
  );
}

export async function deleteClaimAction(slug: string, id: number, _s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    { schema: nothing, input: () => ({}), perform: (_d, actor) => deleteClaim(id, actor), revalidate: () => eventPaths(slug), success: "Claim deleted." },
    formData,
  );
}

const SOURCE_FIELDS = Object.keys(SourceInput.shape);

export async function createSourceAction(_s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    { schema: SourceInput, input: (v) => pick(v, SOURCE_FIELDS), perform: (d, actor) => createSource(d, actor), revalidate: () => ["/sources"], success: "Source added." },
    formData,
  );
}

export async function updateSourceAction(id: number, _s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    {
      schema: SourceUpdate,
      input: (v) => pick(v, [...SOURCE_FIELDS, "version"]),
      perform: (d, actor) => updateSource(id, d, actor),
      revalidate: () => ["/sources", "/", "/events"],
      redirectTo: () => "/sources",
      success: "Source saved.",
    },
    formData,
  );
}

export async function deleteSourceAction(id: number, _s: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    { schema: nothing, input: () => ({}), perform: (_d, actor) => deleteSource(id, actor), revalidate: () => ["/sources"], success: "Source deleted." },
    formData,
  );
}
