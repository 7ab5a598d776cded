// Difficulty grading: level L (1..6) means L operations, with operands that grow with L.
export const MIN_LEVEL = 1;
export const MAX_LEVEL = 6;

export interface Grade {
  /** Number of operations in the problem. */
  steps: number;
  /** Largest added/subtracted amount; start values go up to twice this. */
  maxAmount: number;
  /** Largest multiplier, divisor or fraction denominator. */
  maxFactor: number;
}

export function grade(level: number): Grade {
  return { steps: level, maxAmount: [9, 12, 20, 30, 50, 80][level - 1], maxFactor: [3, 4, 5, 6, 8, 9][level - 1] };
}
