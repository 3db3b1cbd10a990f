import { handleRead, handleWrite } from "@/lib/auth/guard";
import { pageParams, readJsonObject } from "@/lib/api/http";
import { createClaim } from "@/lib/data/claim-writes";
import { listClaims } from "@/lib/data/reads";

type Context = { params: Promise<{ slug: string }> };

export async function GET(request: Request, { params }: Context) {
  return handleRead(request, async () => {
    const { limit, cursor } = pageParams(new URL(request.url));
    return Response.json(await listClaims((await params).slug, limit, cursor));
  });
}

export async function POST(request: Request, { params }: Context) {
  return handleWrite(request, async (ctx) => {
    const claim = await createClaim({ ctx, slug: (await params).slug, input: await readJsonObject(request) });
    return Response.json(claim, { status: 201, headers: { Location: `/api/claims/${claim.id}` } });
  });
}
