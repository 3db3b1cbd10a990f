// Helpers of the API tests: requests, the state of every table, and "refused without changing anything".
import { expect } from "vitest";
import { getDb } from "@/lib/db";

export const BASE = "http://localhost";

/** The credentials of a write: the test file's write token (tests/integration/setup.ts). */
export function writeAuth(): Record<string, string> {
  const token = process.env.DEADAIR_TEST_WRITE_TOKEN;
  if (!token) throw new Error("No test write token: is tests/integration/setup.ts a setup file?");
  return { Authorization: `Bearer ${token}` };
}

/** A request that writes, sent with the write token. */
export function writeRequest(url: string, init: RequestInit & { headers?: Record<string, string> }): Request {
  return new Request(url, { ...init, headers: { ...writeAuth(), ...init.headers } });
}

export function jsonRequest(method: string, path: string, body: unknown): Request {
  return writeRequest(`${BASE}${path}`, { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}
export const getRequest = (path: string) => new Request(`${BASE}${path}`);
export const params = <P extends Record<string, string>>(p: P) => ({ params: Promise.resolve(p) });

/** Every row of every table, in id order: equal before and after a refusal means nothing was written. */
export async function snapshotDb() {
  const db = getDb();
  const byId = { orderBy: { id: "asc" } } as const;
  return {
    event: await db.event.findMany(byId),
    source: await db.source.findMany(byId),
    report: await db.report.findMany(byId),
    incident: await db.incident.findMany(byId),
    claim: await db.claim.findMany(byId),
    claimSource: await db.claimSource.findMany(byId),
    moment: await db.moment.findMany(byId),
    revision: await db.revision.findMany(byId),
    monitor: await db.monitor.findMany(byId),
  };
}

export interface Problem {
  type: string;
  status: number;
  title: string;
  detail: string;
  errors: Record<string, string[]>;
  current?: Record<string, unknown>;
}

/** Sends a request that must be refused: a problem detail with `status`, naming `fields`, and no change in the database. */
export async function expectRefused(send: () => Promise<Response>, status: number, fields: string[] = []): Promise<Problem> {
  const before = await snapshotDb();
  const response = await send();
  const body = (await response.json()) as Problem;
  expect(response.status, JSON.stringify(body)).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  expect(body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String), errors: expect.any(Object) });
  expect(body.detail).not.toBe("");
  for (const field of fields) {
    expect(Object.keys(body.errors), `errors should name "${field}"`).toContain(field);
    expect(body.errors[field]).toEqual(expect.arrayContaining([expect.any(String)]));
  }
  expect(await snapshotDb()).toEqual(before);
  return body;
}
