import { handleRead, handleWrite } from "@/lib/auth/guard";
import { pageParams, parseInput, readJsonObject } from "@/lib/api/http";
import { createClaim } from "@/lib/data/claim-writes";
import { listClaims } from "@/lib/data/reads";
import { ClaimInput } from "@/lib/validation/claim";

type Context = { params: Promise<{ slug: string }> };

export async function GET(request: Request, { params }: Context) {
  return handleRead(request, async () => {
    const { limit, cursor } = pageParams(new URL(request.url));
    return Response.json(await listClaims((await params).slug, limit, cursor));
  });
}

export async function POST(request: Request, { params }: Context) {
  return handleWrite(request, async (actor) => {
    const input = parseInput(ClaimInput, await readJsonObject(request));
    const claim = await createClaim((await params).slug, input, actor);
    return Response.json(claim, { status: 201, headers: { Location: `/api/claims/${claim.id}` } });
  });
}
