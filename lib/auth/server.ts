// Who is signed in, for pages and server actions (through next/headers), and the session cookie's settings.
import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { isHttpsRequest, localPath, publicOrigin } from "../http/origin";
import { type Actor, canWrite, isAdmin } from "../domain/actor";
import { sessionActor, sessionCookieName } from "../data/sessions";

/** The signed-in person of this request, read once per render. */
export const currentActor = cache(async (): Promise<Actor | null> => sessionActor(await sessionSecret()));

/** The session cookie's secret of this request, under the name its scheme gives it. */
export async function sessionSecret(): Promise<string | undefined> {
  return (await cookies()).get(sessionCookieName(await isHttps()))?.value;
}

export interface Viewer {
  email: string | null;
  canEdit: boolean;
  isAdmin: boolean;
}

export async function getViewer(): Promise<Viewer> {
  const actor = await currentActor();
  return { email: actor?.kind === "user" ? actor.email : null, canEdit: canWrite(actor), isAdmin: isAdmin(actor) };
}

/** A path of this site to return to after signing in; anything else (another site, "//host", "/\\host") goes home. */
export function safeNext(next: unknown): string {
  return localPath(next, publicOrigin());
}

/** Pages that only editors use send everyone else to sign in, and back here afterwards. */
export async function requireEditorPage(path: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor || !canWrite(actor)) redirect(`/signin?next=${encodeURIComponent(path)}`);
  return actor;
}

export async function isHttps(): Promise<boolean> {
  return isHttpsRequest(await headers());
}

export async function setSessionCookie(secret: string, expiresAt: Date): Promise<void> {
  const https = await isHttps();
  (await cookies()).set(sessionCookieName(https), secret, { httpOnly: true, sameSite: "lax", secure: https, path: "/", expires: expiresAt });
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(sessionCookieName(await isHttps()));
}
