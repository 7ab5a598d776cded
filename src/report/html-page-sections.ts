// Sections added to a page htmlPage wrote, at the end of its <main>: how a later stage extends a
// report an earlier one made (the demo adds its RL charts to the eval's page) without rebuilding
// it. The page keeps its one script, so a legend key still toggles a series across every chart.

/** The page with `sections` inserted before its closing </main>; a page without one is a RangeError. */
export function appendSections(page: string, sections: readonly string[]): string {
  const end = page.lastIndexOf("</main>");
  if (end < 0) throw new RangeError("not a report page of htmlPage: no </main>");
  return page.slice(0, end) + sections.join("\n") + page.slice(end);
}
