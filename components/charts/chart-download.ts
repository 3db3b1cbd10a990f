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

/** A copy of the chart's SVG with every colour resolved (CSS variables mean nothing outside the page). */
export function standaloneSvg(container: HTMLElement, title: string): { svg: string; width: number; height: number } {
  const original = container.querySelector("svg");
  if (!original) throw new Error("This chart has not been drawn yet.");
  const { width, height } = original.getBoundingClientRect();
  const copy = original.cloneNode(true) as SVGSVGElement;
  const sources = [original, ...original.querySelectorAll("*")];
  const targets = [copy, ...copy.querySelectorAll("*")];
  sources.forEach((el, i) => {
    const computed = getComputedStyle(el);
    const style = STYLE_PROPS.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(";");
    targets[i].setAttribute("style", style);
    for (const attribute of ["fill", "stroke"]) {
      if (targets[i].getAttribute(attribute)?.includes("var(")) targets[i].setAttribute(attribute, computed.getPropertyValue(attribute));
    }
  });
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  copy.setAttribute("width", String(Math.round(width)));
  copy.setAttribute("height", String(Math.round(height)));
  copy.setAttribute("viewBox", `0 0 ${Math.round(width)} ${Math.round(height)}`);
  const background = document.createElementNS("http://www.w3.org/2000/svg", "rect");
  background.setAttribute("width", "100%");
  background.setAttribute("height", "100%");
  background.setAttribute("fill", backgroundOf(original));
  copy.insertBefore(background, copy.firstChild);
  const titleEl = document.createElementNS("http://www.w3.org/2000/svg", "title");
  titleEl.textContent = title;
  copy.insertBefore(titleEl, copy.firstChild);
  return { svg: new XMLSerializer().serializeToString(copy), width: Math.round(width), height: Math.round(height) };
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

export async function downloadChart(container: HTMLElement, title: string, fileName: string, format: "svg" | "png"): Promise<void> {
  const { svg, width, height } = standaloneSvg(container, title);
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
