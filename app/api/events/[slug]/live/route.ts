// Server-Sent Events of one event: its samples as they are stored, its status line and its detected incidents,
// open to the same readers as its page; a viewer that reconnects (Last-Event-ID) gets what it missed.
import { handleRead } from "@/lib/auth/guard";
import { getEventOrThrow } from "@/lib/data/reads";
import { samplesAfter } from "@/lib/data/samples";
import { listening, type LiveMessage, subscribe } from "@/lib/live/bus";
import { liveStatus } from "@/lib/live/monitoring";

export const dynamic = "force-dynamic";

/** A comment line now and then keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

function lastSeen(request: Request): number {
  const raw = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("after") ?? "";
  return /^\d{1,15}$/.test(raw) ? Number(raw) : 0;
}

function frame(message: Exclude<LiveMessage, { type: "lost" }>): string {
  if (message.type === "samples") {
    // A piece of a batch without its id leaves the viewer's last id where it was (the SSE specification).
    const id = message.id === undefined ? "" : `id: ${message.id}\n`;
    return `${id}event: samples\ndata: ${JSON.stringify(message.samples)}\n\n`;
  }
  return `event: ${message.type}\ndata: ${JSON.stringify(message.type === "status" ? message.status : message.incident)}\n\n`;
}

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return handleRead(request, async () => {
    const event = await getEventOrThrow((await params).slug);
    const after = lastSeen(request);
    const encoder = new TextEncoder();
    let stop = () => {};
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (text: string) => {
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            stop();
          }
        };
        const close = () => {
          stop();
          try {
            controller.close();
          } catch {
            // Already closed.
          }
        };
        // Subscribed before the catch-up is read, so that nothing stored in between is lost (a repeat is harmless:
        // the page keeps samples by series and instant).
        const pending: LiveMessage[] = [];
        let caughtUp = false;
        const unsubscribe = subscribe(event.id, (message) => {
          // This server stopped hearing the others: closed, the viewer reconnects (to this server or another) and
          // reads what it missed.
          if (message.type === "lost") close();
          else if (caughtUp) send(frame(message));
          else pending.push(message);
        });
        const heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
        stop = () => {
          clearInterval(heartbeat);
          unsubscribe();
        };
        request.signal.addEventListener("abort", close);
        // On PostgreSQL, what other servers publish reaches this one once it listens; a failure closes the stream.
        await listening().catch(() => undefined);
        send("retry: 2000\n\n");
        if (after > 0) {
          const missed = await samplesAfter(event.id, after);
          if (missed.length)
            send(frame({ type: "samples", id: missed.at(-1)!.id, samples: missed.map(({ series, at, value }) => ({ series, at, value })) }));
        }
        send(frame({ type: "status", status: await liveStatus(event.id) }));
        caughtUp = true;
        for (const message of pending) if (message.type !== "lost") send(frame(message));
      },
      cancel() {
        stop();
      },
    });
    return new Response(body, {
      headers: {
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-store, no-transform",
        Connection: "keep-alive",
        "X-Accel-Buffering": "no",
      },
    });
  });
}
