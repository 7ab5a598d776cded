// Samples and correct samples under some key (a teacher style, a problem level): the unit the
// study's breakdown tables pool across seeds before turning counts into a share or a Pass@1.

export interface SampleCount {
  samples: number;
  correct: number;
}

/** Several evaluations' counts added up key by key (an arm's seeds pooled); keys keep first-seen order. */
export function poolCounts<K extends string>(all: readonly Partial<Record<K, SampleCount>>[]): Partial<Record<K, SampleCount>> {
  const out: Partial<Record<K, SampleCount>> = {};
  for (const counts of all) {
    for (const [key, c] of Object.entries(counts) as [K, SampleCount | undefined][]) {
      if (!c) continue;
      const o = (out[key] ??= { samples: 0, correct: 0 });
      o.samples += c.samples;
      o.correct += c.correct;
    }
  }
  return out;
}
