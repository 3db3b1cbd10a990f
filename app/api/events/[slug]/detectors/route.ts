// An event's detector settings: GET the ones in force (and what departs from the defaults), PUT the departures.
import { handleRead, handleWrite } from "@/lib/auth/guard";
import { readJsonObject } from "@/lib/api/http";
import { setDetectorSettings } from "@/lib/data/event-writes";
import { getEventOrThrow } from "@/lib/data/reads";
import { DEFAULT_DETECTOR_SETTINGS, parseDetectorSettings } from "@/lib/domain/detectors";

type Context = { params: Promise<{ slug: string }> };

export async function GET(request: Request, { params }: Context) {
  return handleRead(request, async () => {
    const event = await getEventOrThrow((await params).slug);
    return Response.json({
      settings: parseDetectorSettings(event.detectorSettings),
      defaults: DEFAULT_DETECTOR_SETTINGS,
      overrides: event.detectorSettings ? JSON.parse(event.detectorSettings) : {},
    });
  });
}

export async function PUT(request: Request, { params }: Context) {
  return handleWrite(request, async (ctx) =>
    Response.json(await setDetectorSettings({ ctx, slug: (await params).slug, input: await readJsonObject(request) })),
  );
}
