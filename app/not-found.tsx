export default function NotFound() {
  return (
    <div className="empty">
      <h1>Not found</h1>
      <p>Nothing is recorded at this address. It may have been renamed or deleted.</p>
      <p>
        <a href="/events">See every event</a> or <a href="/">go to the overview</a>.
      </p>
    </div>
  );
}
