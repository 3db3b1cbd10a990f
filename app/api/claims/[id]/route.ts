import { handleRead, handleWrite } from "@/lib/auth/guard";
import { idParam, readJsonObject, takeReason } from "@/lib/api/http";
import { mergePatch } from "@/lib/validation/values";
import { deleteClaim, snapshotClaim, updateClaim } from "@/lib/data/claim-writes";
import { getClaimOrThrow } from "@/lib/data/reads";
import { CLAIM_FIELDS } from "@/lib/validation/claim";

type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Context) {
  return handleRead(request, async () => Response.json(await getClaimOrThrow(idParam((await params).id, "claim"))));
}

export async function PATCH(request: Request, { params }: Context) {
  return handleWrite(request, async (ctx) => {
    const id = idParam((await params).id, "claim");
    const body = await readJsonObject(request);
    ctx.reason = takeReason(body);
    const existing = await getClaimOrThrow(id);
    return Response.json(
      await updateClaim({ ctx, id, input: mergePatch(snapshotClaim(existing), body, CLAIM_FIELDS, [["claimantId", "newClaimantName"]]) }),
    );
  });
}

export async function DELETE(request: Request, { params }: Context) {
  return handleWrite(request, async (ctx) => {
    await deleteClaim({ ctx, id: idParam((await params).id, "claim") });
    return new Response(null, { status: 204 });
  });
}
