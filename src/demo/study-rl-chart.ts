// The study's RL picture: for each world variant a row of panels — held-out greedy Pass@1 (the RL
// run's validation), sampled Pass@1 and Pass@k (the demo's evaluation before and after GRPO), policy
// entropy, mean training reward — over GRPO steps, one colour per arm: a bold line for the mean
// across the run seeds and a faint line for each seed, so the spread shows beside the mean (the
// paper's question: do the SFT-stage differences between arms, and OXA's higher entropy, persist
// under RL?).
import { legend, svgDocument } from "../report/svg.ts";
import { RL_CURVE_POINTS, RL_PANEL, rlPanel, type RlCurvePoints } from "../rl/index.ts";

/** One seed's RL run, with the evaluation's sampled figures at its first and last step when there are any. */
export interface StudyRlSeed extends RlCurvePoints {
  evaluated?: readonly { step: number; pass1: number; passk: number }[];
}

export interface StudyRlWorld {
  name: string;
  /** Per arm (in the arms' order), its RL run of every seed. */
  arms: readonly { name: string; seeds: readonly StudyRlSeed[] }[];
}

type Points = readonly (readonly [number, number])[];

/** The mean across seeds at every step all of them have (the seeds share steps and validation schedule). */
export function meanAcrossSeeds(seeds: readonly Points[]): [number, number][] {
  if (seeds.length === 0) return [];
  const byStep = new Map<number, number[]>();
  for (const pts of seeds) for (const [s, v] of pts) if (Number.isFinite(v)) byStep.set(s, [...(byStep.get(s) ?? []), v]);
  return [...byStep]
    .filter(([, vs]) => vs.length === seeds.length)
    .sort((a, b) => a[0] - b[0])
    .map(([s, vs]) => [s, vs.reduce((a, b) => a + b, 0) / vs.length]);
}

/** The panels (title, y-axis label, points): `k` names the evaluation's Pass@k; the two evaluation panels only when some seed has figures. */
function panels(worlds: readonly StudyRlWorld[], k: number) {
  const evaluated = worlds.some((w) => w.arms.some((a) => a.seeds.some((s) => s.evaluated?.length)));
  return [
    { title: "held-out Pass@1 (greedy)", axis: "held-out Pass@1 (greedy)", pick: RL_CURVE_POINTS.pass1 },
    ...(evaluated
      ? [
          { title: `Pass@1 (eval, ${k} samples)`, axis: "Pass@1 (sampled)", pick: (c: StudyRlSeed) => (c.evaluated ?? []).map((e) => [e.step, e.pass1] as const) },
          { title: `Pass@${k} (eval)`, axis: `Pass@${k}`, pick: (c: StudyRlSeed) => (c.evaluated ?? []).map((e) => [e.step, e.passk] as const) },
        ]
      : []),
    { title: "policy entropy (nats)", axis: "policy entropy (nats)", pick: RL_CURVE_POINTS.entropy },
    { title: "mean training reward", axis: "mean training reward", pick: RL_CURVE_POINTS.reward },
  ];
}

/**
 * One SVG: a row per world, a panel per figure. `k` is the evaluation's samples per problem;
 * `colourOffset` keeps each arm's colour the one it has in the Pass@1 chart (which draws the base
 * model first).
 */
export function studyRlSvg(worlds: readonly StudyRlWorld[], title: string, k = 8, colourOffset = 1): string {
  const arms = worlds[0]?.arms.map((a) => a.name) ?? [];
  const rowHeight = RL_PANEL.height + 18;
  const PANELS = panels(worlds, k);
  const rows = worlds.map((w, r) => {
    const row = PANELS.map((p, i) => {
      const lines = w.arms.flatMap((a, k) => {
        const seeds = a.seeds.map(p.pick);
        return [...seeds.map((points) => ({ colour: k + colourOffset, points, faint: true })), { colour: k + colourOffset, points: meanAcrossSeeds(seeds) }];
      });
      return `<g transform="translate(${i * RL_PANEL.width} 0)">${rlPanel(lines, `${w.name}: ${p.title}`, undefined, p.axis)}</g>`;
    });
    return `<g transform="translate(0 ${14 + r * rowHeight})">${row.join("")}</g>`;
  });
  const legendTop = 14 + worlds.length * rowHeight;
  const f = { width: RL_PANEL.width * PANELS.length, height: legendTop + 12 + arms.length * 16, left: 12, right: 8, top: 22, bottom: 0 };
  const keys = legend({ ...f, top: legendTop, width: 190 + f.right }, arms.map((name, k) => ({ label: name, colour: k + colourOffset, kind: "line" as const })));
  return svgDocument(f, title, rows.join("") + keys);
}
