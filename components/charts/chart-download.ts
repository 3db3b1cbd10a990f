// Turns a chart on the page into a standalone SVG or PNG file; loaded only when someone asks for a download.

const STYLE_PROPS = [
  "fill",
  "stroke",
  "stroke-width",
  "stroke-dasharray",
  "opacity",
  "fill-opacity",
  "font-size",
  "font-family",
  "font-weight",
  "text-anchor",
  "dominant-baseline",
];

/** What a downloaded chart carries around the drawing, so that it stands on its own. */
export interface ChartSheet {
  title: string;
  legend: { label: string; color: string }[];
  notes: string[];
  sources: string[];
  /** The day it was downloaded, as people write it. */
  date: string;
  permalink: string;
}

const SVG_NS = "http://www.w3.org/2000/svg";
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const PAD = 16;
const LINE = 18;

/** Words into lines of at most `max` characters (a 12 px sans-serif averages 6.5 px a character). */
function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && (line + " " + word).length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function textEl(x: number, y: number, content: string, size: number, color: string, weight = 400): SVGTextElement {
  const t = document.createElementNS(SVG_NS, "text");
  t.setAttribute("x", String(x));
  t.setAttribute("y", String(y));
  t.setAttribute("style", `font-family:${FONT};font-size:${size}px;font-weight:${weight};fill:${color}`);
  t.textContent = content;
  return t;
}

/**
 * A standalone SVG: the title above the chart (a copy of the chart's SVG with every colour resolved, since CSS
 * variables mean nothing outside the page), then its key, notes, sources, the date and the permalink below.
 */
export function standaloneSvg(container: HTMLElement, sheet: ChartSheet): { svg: string; width: number; height: number } {
  const original = container.querySelector("svg");
  if (!original) throw new Error("This chart has not been drawn yet.");
  const { width: chartWidth, height: chartHeight } = original.getBoundingClientRect();
  const copy = original.cloneNode(true) as SVGSVGElement;
  const sources = [original, ...original.querySelectorAll("*")];
  const targets = [copy, ...copy.querySelectorAll("*")];
  // A chart drawn on the server carries its labels laid out for several widths, hidden but at the width it has.
  const hidden: Element[] = [];
  sources.forEach((el, i) => {
    const computed = getComputedStyle(el);
    if (computed.display === "none") {
      hidden.push(targets[i]);
      return;
    }
    const style = STYLE_PROPS.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(";");
    targets[i].setAttribute("style", style);
    for (const attribute of ["fill", "stroke"]) {
      if (targets[i].getAttribute(attribute)?.includes("var(")) targets[i].setAttribute(attribute, computed.getPropertyValue(attribute));
    }
  });
  for (const el of hidden) el.remove();
  const fg = getComputedStyle(container).color || "#111111";
  const width = Math.max(360, Math.round(chartWidth) + 2 * PAD);
  const perLine = Math.floor((width - 2 * PAD) / 6.5);
  const sheetEl = document.createElementNS(SVG_NS, "svg");
  sheetEl.setAttribute("xmlns", SVG_NS);
  const background = document.createElementNS(SVG_NS, "rect");
  background.setAttribute("width", "100%");
  background.setAttribute("height", "100%");
  background.setAttribute("fill", backgroundOf(original));
  sheetEl.appendChild(background);
  const titleEl = document.createElementNS(SVG_NS, "title");
  titleEl.textContent = sheet.title;
  sheetEl.appendChild(titleEl);

  let y = PAD + 16;
  for (const line of wrap(sheet.title, Math.floor(perLine * 0.8))) {
    sheetEl.appendChild(textEl(PAD, y, line, 16, fg, 600));
    y += 22;
  }
  copy.setAttribute("x", String(PAD));
  copy.setAttribute("y", String(y));
  copy.setAttribute("width", String(Math.round(chartWidth)));
  copy.setAttribute("height", String(Math.round(chartHeight)));
  copy.setAttribute("viewBox", `0 0 ${Math.round(chartWidth)} ${Math.round(chartHeight)}`);
  sheetEl.appendChild(copy);
  y += Math.round(chartHeight) + 8;

  // The key: a swatch and a label each, as many to a line as fit.
  let x = PAD;
  y += LINE - 4;
  for (const item of sheet.legend) {
    const itemWidth = 18 + item.label.length * 6.5 + 16;
    if (x > PAD && x + itemWidth > width - PAD) {
      x = PAD;
      y += LINE;
    }
    const swatch = document.createElementNS(SVG_NS, "rect");
    swatch.setAttribute("x", String(x));
    swatch.setAttribute("y", String(y - 10));
    swatch.setAttribute("width", "12");
    swatch.setAttribute("height", "12");
    swatch.setAttribute("fill", resolveColor(container, item.color));
    sheetEl.appendChild(swatch);
    sheetEl.appendChild(textEl(x + 18, y, item.label, 12, fg));
    x += itemWidth;
  }
  const footer = [
    ...sheet.notes,
    ...(sheet.sources.length ? [`Sources: ${sheet.sources.join("; ")}`] : []),
    `Dead Air, ${sheet.date}: ${sheet.permalink}`,
  ];
  for (const paragraph of footer) {
    for (const line of wrap(paragraph, perLine)) {
      y += LINE;
      sheetEl.appendChild(textEl(PAD, y, line, 12, fg));
    }
  }
  const height = y + PAD;
  sheetEl.setAttribute("width", String(width));
  sheetEl.setAttribute("height", String(height));
  sheetEl.setAttribute("viewBox", `0 0 ${width} ${height}`);
  return { svg: new XMLSerializer().serializeToString(sheetEl), width, height };
}

/** A colour as the page resolves it ("var(--chart-1)" means nothing in a file). */
function resolveColor(container: HTMLElement, color: string): string {
  if (!color.includes("var(")) return color;
  const probe = document.createElement("span");
  probe.style.color = color;
  container.appendChild(probe);
  const resolved = getComputedStyle(probe).color;
  probe.remove();
  return resolved;
}

/** The colour the chart is drawn on: the first ancestor with a background that is not transparent. */
function backgroundOf(element: Element): string {
  for (let el: Element | null = element; el; el = el.parentElement) {
    const color = getComputedStyle(el).backgroundColor;
    if (color && color !== "transparent" && !/rgba\(.*,\s*0\)$/.test(color)) return color;
  }
  return "#ffffff";
}

function save(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function downloadChart(container: HTMLElement, sheet: ChartSheet, fileName: string, format: "svg" | "png"): Promise<void> {
  const { svg, width, height } = standaloneSvg(container, sheet);
  const svgBlob = new Blob([svg], { type: "image/svg+xml;charset=utf-8" });
  if (format === "svg") return save(svgBlob, `${fileName}.svg`);
  // Twice the on-screen size, so the image stays sharp in documents and slides.
  const scale = 2;
  const image = new Image();
  const url = URL.createObjectURL(svgBlob);
  try {
    image.src = url;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = width * scale;
    canvas.height = height * scale;
    const context = canvas.getContext("2d")!;
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
    if (!png) throw new Error("The browser could not draw the chart as PNG.");
    save(png, `${fileName}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}
