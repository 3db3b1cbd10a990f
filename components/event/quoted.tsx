// A quote in its original language, marked with that language, with its English rendering beside it.
interface QuotedProps {
  record: { quote: string | null; quoteLang: string | null; quoteEnglish: string | null };
  /** Within a line of text (a stance) rather than as a block of its own. */
  inline?: boolean;
}

export function Quoted({ record, inline = false }: QuotedProps) {
  const lang = record.quoteLang ?? undefined;
  return (
    <>
      {record.quote && (inline ? <span lang={lang}>“{record.quote}”</span> : <blockquote lang={lang}>“{record.quote}”</blockquote>)}
      {record.quoteEnglish && <span className="figure-source">English: “{record.quoteEnglish}”</span>}
    </>
  );
}

/** A date reported, as the day it names (stored as that day's midnight UTC). */
export function reportedDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
