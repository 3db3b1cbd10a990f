// The event page's table of reported figures, metric by metric: the first few of each, and who reported the rest.

/** Rows a metric shows before the rest fold into a count: a page with thousands of figures stays readable and light. */
export const FIGURES_SHOWN_PER_METRIC = 50;

export interface ReportGroup<R> {
  metric: string;
  /** How many reports the metric has in all. */
  total: number;
  /** The reports shown: all of them, or the first FIGURES_SHOWN_PER_METRIC. */
  shown: R[];
  /** Sources by how many of the metric's reports each gave, most first (then by name). */
  bySource: { name: string; count: number }[];
}

/**
 * The reports in groups of one metric, in the order they come (the page reads them by metric, then id). Each shows its
 * first `limit` reports, all of them for the metric `expanded` names.
 */
export function groupReportsByMetric<R extends { metric: string; source: { name: string } }>(
  reports: R[],
  expanded: string | null = null,
  limit = FIGURES_SHOWN_PER_METRIC,
): ReportGroup<R>[] {
  const groups = new Map<string, R[]>();
  for (const report of reports) {
    const group = groups.get(report.metric);
    if (group) group.push(report);
    else groups.set(report.metric, [report]);
  }
  return [...groups].map(([metric, all]) => {
    const counts = new Map<string, number>();
    for (const r of all) counts.set(r.source.name, (counts.get(r.source.name) ?? 0) + 1);
    const bySource = [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    return { metric, total: all.length, shown: metric === expanded ? all : all.slice(0, limit), bySource };
  });
}
