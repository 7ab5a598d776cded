// A binary heap of candidate indices ordered by a `before(a, b)` predicate (the top is the item
// that comes first). Used lazily: heapify a bin in O(n) and pop only as many as a target needs,
// and as a bounded heap that keeps the best k of a stream (top = the worst kept).

export class BinaryHeap {
  private items: Int32Array;
  size = 0;

  constructor(private readonly before: (a: number, b: number) => boolean, capacity = 16) {
    this.items = new Int32Array(Math.max(1, capacity));
  }

  /** A heap holding `items` (taken over, not copied), built in O(n). */
  static of(items: Int32Array, before: (a: number, b: number) => boolean): BinaryHeap {
    const h = new BinaryHeap(before, 1);
    h.items = items;
    h.size = items.length;
    for (let i = (h.size >> 1) - 1; i >= 0; i--) h.down(i);
    return h;
  }

  peek(): number {
    return this.size > 0 ? this.items[0] : -1;
  }

  push(x: number): void {
    if (this.size === this.items.length) {
      const bigger = new Int32Array(this.items.length * 2);
      bigger.set(this.items);
      this.items = bigger;
    }
    this.items[this.size] = x;
    this.up(this.size++);
  }

  /** Removes and returns the top, or −1 when empty. */
  pop(): number {
    if (this.size === 0) return -1;
    const top = this.items[0];
    this.items[0] = this.items[--this.size];
    if (this.size > 0) this.down(0);
    return top;
  }

  /** Replaces the top with x (one sift instead of a pop and a push). */
  replaceTop(x: number): void {
    this.items[0] = x;
    this.down(0);
  }

  private up(i: number): void {
    const { items, before } = this;
    const x = items[i];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(x, items[parent])) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = x;
  }

  private down(i: number): void {
    const { items, before, size } = this;
    const x = items[i];
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && before(items[c + 1], items[c])) c++;
      if (!before(items[c], x)) break;
      items[i] = items[c];
      i = c;
    }
    items[i] = x;
  }
}
