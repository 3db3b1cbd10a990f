import Link from "next/link";

export default function NotFound() {
  return (
    <div className="empty">
      <h1>Not found</h1>
      <p>Nothing is recorded at this address. It may have been renamed or deleted.</p>
      <p>
        <Link href="/events">See every event</Link> or <Link href="/">go to the overview</Link>.
      </p>
    </div>
  );
}
