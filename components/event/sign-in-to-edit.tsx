// What a reader who is not signed in sees where an editor has forms.

export function SignInToEdit({ slug, what }: { slug: string; what: string }) {
  return (
    <p className="hint no-print">
      <a href={`/signin?next=${encodeURIComponent(`/events/${slug}`)}`}>Sign in</a> as an editor to {what}.
    </p>
  );
}
