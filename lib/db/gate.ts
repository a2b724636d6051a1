// One FIFO gate per process in front of the SQLite database. Prisma's adapter and the delivery
// store's synchronous statements both pass through it, so a Prisma transaction that is open across
// awaits never has another statement slip into it, and a synchronous transaction never waits on a
// lock held by this same process.
class Gate {
  #tail: Promise<void> = Promise.resolve();
  #waiting = 0;

  /** Callers queued for the gate now (not counting its holder). */
  get waiting(): number {
    return this.#waiting;
  }

  /** Resolves when every earlier holder released; returns this holder's release function. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    this.#waiting++;
    const ready = this.#tail.then(() => {
      this.#waiting--;
      return release;
    });
    this.#tail = this.#tail.then(() => held);
    return ready;
  }

  async run<T>(work: () => T | Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

const globalForGate = globalThis as unknown as { dashxDbGate?: Gate };
export const dbGate: Gate = (globalForGate.dashxDbGate ??= new Gate());
