// The overview's "Live now": events being watched at this moment, each with its status line, linking to its page.
import Link from "next/link";
import type { LiveNowItem } from "@/lib/live/now";

export function LiveNow({ items }: { items: LiveNowItem[] }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="live-now" className="live-now">
      <h2 id="live-now">Live now</h2>
      <ul>
        {items.map((e) => (
          <li key={e.slug}>
            <span className="live-dot" data-state={e.status.state} aria-hidden="true" />
            <Link href={`/events/${e.slug}`}>{e.title}</Link>
            <span className="muted"> · {e.platform}</span>
            <span className="live-now-status"> · {e.status.text}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
