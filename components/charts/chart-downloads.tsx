"use client";
// "PNG" and "SVG" buttons under a chart; the drawing code loads on the first click. The file carries the chart's
// title, its key, its sources, the date and the page's address, so that it can be used on its own.
import { useState } from "react";
import type { ChartSheet } from "./chart-download";

export function ChartDownloads({
  chartId,
  title,
  fileName,
  legend = [],
  notes = [],
  sources = [],
}: {
  chartId: string;
  title: string;
  /** Without extension; it names the events shown. */
  fileName: string;
  legend?: { label: string; color: string }[];
  notes?: string[];
  sources?: string[];
}) {
  const [error, setError] = useState("");
  async function download(format: "svg" | "png") {
    setError("");
    const container = document.getElementById(chartId);
    try {
      if (!container) throw new Error("The chart is not on the page.");
      const { downloadChart } = await import("./chart-download");
      const sheet: ChartSheet = {
        title,
        legend,
        notes,
        sources,
        date: new Intl.DateTimeFormat("en-GB", { dateStyle: "long" }).format(new Date()),
        permalink: window.location.href,
      };
      await downloadChart(container, sheet, fileName, format);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }
  return (
    <div className="chart-downloads no-print">
      <button type="button" className="button" onClick={() => void download("png")}>
        PNG<span className="visually-hidden"> of the chart “{title}”</span>
      </button>
      <button type="button" className="button" onClick={() => void download("svg")}>
        SVG<span className="visually-hidden"> of the chart “{title}”</span>
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
