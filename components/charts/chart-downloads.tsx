"use client";
// "PNG" and "SVG" buttons under a chart; the drawing code loads on the first click.
import { useState } from "react";

export function ChartDownloads({ chartId, title, fileName }: { chartId: string; title: string; fileName: string }) {
  const [error, setError] = useState("");
  async function download(format: "svg" | "png") {
    setError("");
    const container = document.getElementById(chartId);
    try {
      if (!container) throw new Error("The chart is not on the page.");
      const { downloadChart } = await import("./chart-download");
      await downloadChart(container, title, fileName, format);
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
