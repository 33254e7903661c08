/**
 * The seeded random numbers behind Monte Carlo: sfc32 ("Small Fast Counting", Chris Doty-Humphrey,
 * from the PractRand suite, which it passes), seeded through splitmix32. Both use only 32-bit
 * integer arithmetic (`Math.imul`, shifts), so a seed gives the same stream on every machine,
 * browser and Node version. Code after https://github.com/bryc/code/blob/master/jshash/PRNGs.md
 * (public domain).
 */

/** splitmix32: spreads one 32-bit seed over well-mixed 32-bit words. */
function splitmix32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

/** A seeded source of uniform draws in [0, 1). */
export interface Random {
  next(): number;
}

/**
 * sfc32 from its four 32-bit state words. A class rather than a closure so that the engine's hot
 * loop sees one call target for every trial.
 */
export class Sfc32 implements Random {
  constructor(
    private a: number,
    private b: number,
    private c: number,
    private d: number,
  ) {}

  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
}

/**
 * A generator for `seed` (a non-negative safe integer) and `stream` (for example a trial's index),
 * so every trial has its own independent sequence whatever order trials run in.
 */
export function createRandom(seed: number, stream = 0): Random {
  const low = splitmix32(seed >>> 0);
  const high = splitmix32(Math.floor(seed / 4294967296) ^ 0x5bd1e995);
  const lane = splitmix32(stream ^ 0x1b873593);
  const random = new Sfc32(low() ^ lane(), low() ^ high(), high() ^ lane(), 1);
  for (let i = 0; i < 15; i++) random.next();
  return random;
}
