/**
 * Monte Carlo's schedule: one ticket per person, filed under the next step at which that person
 * is a candidate to leave or be promoted. Tickets of an origin whose people were moved by a planned
 * event carry an old epoch and are dropped when their step comes.
 */
export class TicketQueue {
  private slot = new Int32Array(256);
  private epoch = new Int32Array(256);
  private next = new Int32Array(256);
  private free = -1;
  private used = 0;
  readonly head: Int32Array;

  constructor(private readonly steps: number) {
    this.head = new Int32Array(steps);
  }

  clear(): void {
    this.head.fill(-1);
    this.free = -1;
    this.used = 0;
  }

  /** Files a ticket for `slot` under `step` (dropped past the horizon). */
  file(slot: number, epoch: number, step: number): void {
    if (step >= this.steps) return;
    let ticket = this.free;
    if (ticket >= 0) this.free = this.next[ticket]!;
    else {
      if (this.used === this.slot.length) this.grow();
      ticket = this.used++;
    }
    this.slot[ticket] = slot;
    this.epoch[ticket] = epoch;
    this.next[ticket] = this.head[step]!;
    this.head[step] = ticket;
  }

  /** Takes every ticket due at `step`, calling `visit(slot, epoch)` for each. */
  drain(step: number, visit: (slot: number, epoch: number) => void): void {
    let ticket = this.head[step]!;
    this.head[step] = -1;
    while (ticket >= 0) {
      const following = this.next[ticket]!;
      visit(this.slot[ticket]!, this.epoch[ticket]!);
      this.next[ticket] = this.free;
      this.free = ticket;
      ticket = following;
    }
  }

  private grow(): void {
    const size = this.slot.length * 2;
    const widen = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.slot = widen(this.slot);
    this.epoch = widen(this.epoch);
    this.next = widen(this.next);
  }
}
