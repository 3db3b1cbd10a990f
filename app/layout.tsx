import type { Metadata } from "next";
import Link from "next/link";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Dead Air", template: "%s · Dead Air" },
  description: "Livestream outages, figure by figure, each with the source that reported it.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <nav aria-label="Main">
            <Link className="brand" href="/">
              Dead Air
            </Link>
            <ul>
              <li>
                <Link href="/">Overview</Link>
              </li>
              <li>
                <Link href="/events">Events</Link>
              </li>
              <li>
                <Link href="/compare?events=musk-trump-x-spaces-2024,desantis-twitter-spaces-2023">Compare</Link>
              </li>
              <li>
                <Link href="/sources">Sources</Link>
              </li>
              <li>
                <Link href="/events/new">New event</Link>
              </li>
            </ul>
          </nav>
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
