// Sign in and out over the API: POST {email, password} sets the session cookie, DELETE ends it, GET says who you are.
import { handle, readJsonObject } from "@/lib/api/http";
import { cookieValue, isCrossSite } from "@/lib/auth/guard";
import { SESSION_DAYS, revokeSession, sessionActor, sessionCookieName } from "@/lib/data/sessions";
import { clientAddress, signIn } from "@/lib/auth/sign-in";
import { ForbiddenError, UnauthorizedError } from "@/lib/errors";
import { isHttpsRequest } from "@/lib/http/origin";

function cookie(request: Request, value: string, maxAge: number): string {
  const https = isHttpsRequest(request.headers, request.url);
  return `${sessionCookieName(https)}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${https ? "; Secure" : ""}`;
}

function sessionSecret(request: Request): string | null {
  return cookieValue(request.headers.get("cookie"), sessionCookieName(isHttpsRequest(request.headers, request.url)));
}

export async function GET(request: Request) {
  return handle(async () => {
    const actor = await sessionActor(sessionSecret(request));
    if (!actor || actor.kind !== "user") throw new UnauthorizedError("Not signed in.");
    return Response.json({ email: actor.email, role: actor.role }, { headers: { "Cache-Control": "no-store" } });
  });
}

export async function POST(request: Request) {
  return handle(async () => {
    // Signing someone in from another site (login CSRF) is refused like any other cross-site write.
    if (isCrossSite(request.headers)) throw new ForbiddenError("Requests from other sites cannot sign in here.");
    const session = await signIn(await readJsonObject(request), clientAddress(request.headers));
    return Response.json(
      { email: session.email, expiresAt: session.expiresAt.toISOString(), mustChangePassword: session.mustChangePassword },
      { headers: { "Set-Cookie": cookie(request, session.secret, SESSION_DAYS * 86_400), "Cache-Control": "no-store" } },
    );
  });
}

export async function DELETE(request: Request) {
  return handle(async () => {
    if (isCrossSite(request.headers)) throw new ForbiddenError("Requests from other sites cannot sign out here.");
    const secret = sessionSecret(request);
    if (secret) await revokeSession(secret);
    return new Response(null, { status: 204, headers: { "Set-Cookie": cookie(request, "", 0) } });
  });
}
