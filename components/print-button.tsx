"use client";
// Opens the browser's print dialog; the print stylesheet leaves out navigation and controls.
export function PrintButton() {
  return (
    <button type="button" className="button" onClick={() => window.print()}>
      Print
    </button>
  );
}
