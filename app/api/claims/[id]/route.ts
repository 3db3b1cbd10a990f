import { handle, idParam, parseInput, readJsonObject } from "@/lib/api/http";
import { mergePatch } from "@/lib/api/patch";
import { deleteClaim, updateClaim } from "@/lib/data/claim-writes";
import { getClaimOrThrow } from "@/lib/data/reads";
import { CLAIM_FIELDS, ClaimUpdate } from "@/lib/validation/claim";

type Context = { params: Promise<{ id: string }> };

export async function GET(_request: Request, { params }: Context) {
  return handle(async () => Response.json(await getClaimOrThrow(idParam((await params).id, "claim"))));
}

export async function PATCH(request: Request, { params }: Context) {
  return handle(async () => {
    const id = idParam((await params).id, "claim");
    const body = await readJsonObject(request);
    const existing = await getClaimOrThrow(id);
    const record = { ...existing, stances: existing.stances.map(({ sourceId, stance, quote, url }) => ({ sourceId, stance, quote, url })) };
    const input = parseInput(ClaimUpdate, mergePatch(record, body, CLAIM_FIELDS, [["claimantId", "newClaimantName"]]));
    return Response.json(await updateClaim(id, input));
  });
}

export async function DELETE(_request: Request, { params }: Context) {
  return handle(async () => {
    await deleteClaim(idParam((await params).id, "claim"));
    return new Response(null, { status: 204 });
  });
}
