import { handleRead, handleWrite } from "@/lib/auth/guard";
import { idParam, parseInput, readJsonObject } from "@/lib/api/http";
import { mergePatch } from "@/lib/api/patch";
import { deleteClaim, updateClaim } from "@/lib/data/claim-writes";
import { getClaimOrThrow } from "@/lib/data/reads";
import { CLAIM_FIELDS, ClaimUpdate } from "@/lib/validation/claim";

type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Context) {
  return handleRead(request, async () => Response.json(await getClaimOrThrow(idParam((await params).id, "claim"))));
}

export async function PATCH(request: Request, { params }: Context) {
  return handleWrite(request, async (actor) => {
    const id = idParam((await params).id, "claim");
    const body = await readJsonObject(request);
    const existing = await getClaimOrThrow(id);
    const record = { ...existing, stances: existing.stances.map(({ sourceId, stance, quote, url }) => ({ sourceId, stance, quote, url })) };
    const input = parseInput(ClaimUpdate, mergePatch(record, body, CLAIM_FIELDS, [["claimantId", "newClaimantName"]]));
    return Response.json(await updateClaim(id, input, actor));
  });
}

export async function DELETE(request: Request, { params }: Context) {
  return handleWrite(request, async (actor) => {
    await deleteClaim(idParam((await params).id, "claim"), actor);
    return new Response(null, { status: 204 });
  });
}
