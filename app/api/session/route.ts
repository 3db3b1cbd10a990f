// Sign in and out over the API: POST {email, password} sets the session cookie, DELETE ends it, GET says who you are.
import { handle, readJsonObject } from "@/lib/api/http";
import { cookieValue, isCrossSite } from "@/lib/auth/guard";
import { SESSION_COOKIE, SESSION_DAYS, revokeSession, sessionActor } from "@/lib/data/sessions";
import { clientAddress, signIn } from "@/lib/auth/sign-in";
import { ForbiddenError, UnauthorizedError } from "@/lib/errors";
import { isHttpsRequest } from "@/lib/http/origin";

function cookie(request: Request, value: string, maxAge: number): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${isHttpsRequest(request.headers, request.url) ? "; Secure" : ""}`;
}

export async function GET(request: Request) {
  return handle(async () => {
    const actor = await sessionActor(cookieValue(request.headers.get("cookie"), SESSION_COOKIE));
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
      { email: session.email, expiresAt: session.expiresAt.toISOString() },
      { headers: { "Set-Cookie": cookie(request, session.secret, SESSION_DAYS * 86_400), "Cache-Control": "no-store" } },
    );
  });
}

export async function DELETE(request: Request) {
  return handle(async () => {
    if (isCrossSite(request.headers)) throw new ForbiddenError("Requests from other sites cannot sign out here.");
    const secret = cookieValue(request.headers.get("cookie"), SESSION_COOKIE);
    if (secret) await revokeSession(secret);
    return new Response(null, { status: 204, headers: { "Set-Cookie": cookie(request, "", 0) } });
  });
}
