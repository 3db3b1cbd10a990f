import type { Metadata } from "next";
import { getViewer } from "@/lib/auth/server";
import { signOutAction } from "@/lib/actions/auth";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Dead Air", template: "%s · Dead Air" },
  description: "Livestream outages, figure by figure, each with the source that reported it.",
};

// Plain links: the pages render on the server, and leaving next/link out of the shared layout keeps its
// script off pages (such as /compare) whose JavaScript budget goes to the charts. Reading the viewer renders every
// page per request, which the per-request CSP nonce needs anyway.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <nav aria-label="Main">
            <a className="brand" href="/">
              Dead Air
            </a>
            <ul>
              <li>
                <a href="/">Overview</a>
              </li>
              <li>
                <a href="/events">Events</a>
              </li>
              <li>
                <a href="/compare?events=musk-trump-x-spaces-2024,desantis-twitter-spaces-2023">Compare</a>
              </li>
              <li>
                <a href="/sources">Sources</a>
              </li>
              {viewer.canEdit && (
                <>
                  <li>
                    <a href="/events/new">New event</a>
                  </li>
                  <li>
                    <a href="/import">Import</a>
                  </li>
                </>
              )}
              {viewer.isAdmin && (
                <li>
                  <a href="/admin">Admin</a>
                </li>
              )}
            </ul>
            <div className="account">
              {viewer.email ? (
                <form action={signOutAction}>
                  <a href="/account" className="account-name">
                    {viewer.email}
                  </a>{" "}
                  <button type="submit" className="link-button">
                    Sign out
                  </button>
                </form>
              ) : (
                <a href="/signin">Sign in</a>
              )}
            </div>
          </nav>
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
