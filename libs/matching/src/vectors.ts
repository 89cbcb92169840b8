/*
 * Dense vectors: the stored form of a paper's meaning (see embedder.ts). Every
 * vector here is unit length, so cosine similarity is a plain dot product.
 */

/** Scales `v` to unit length in place; a zero vector stays zero. */
export function unitLength(v: Float32Array): Float32Array {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i] * v[i];
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i] /= norm;
  return v;
}

export function dot(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`vectors of ${a.length} and ${b.length} dimensions`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/**
 * Compact stored form: a 4-byte float scale, then one signed byte per
 * dimension (value = byte · scale). A 256-dimension vector takes 260 bytes; the
 * rounding moves a cosine by about 0.002, far below anything that ranks.
 */
export function encodeVector(v: Float32Array): Uint8Array {
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i]));
  const bytes = new Uint8Array(4 + v.length);
  const view = new DataView(bytes.buffer);
  const scale = max > 0 ? max / 127 : 0;
  view.setFloat32(0, scale, true);
  for (let i = 0; i < v.length; i++) view.setInt8(4 + i, scale > 0 ? Math.round(v[i] / scale) : 0);
  return bytes;
}

/** The vector `encodeVector` stored, back at unit length. */
export function decodeVector(bytes: Uint8Array): Float32Array {
  if (bytes.length < 4) throw new Error('not an encoded vector');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const scale = view.getFloat32(0, true);
  const v = new Float32Array(bytes.length - 4);
  for (let i = 0; i < v.length; i++) v[i] = view.getInt8(4 + i) * scale;
  return unitLength(v);
}

/**
 * Many papers' vectors in one contiguous array (row i = paper i), so scoring
 * an interest against every paper is one pass over memory.
 */
export class VectorTable {
  readonly dimensions: number;
  private readonly data: Float32Array;
  private readonly position = new Map<string, number>();

  constructor(
    readonly ids: readonly string[],
    vectors: readonly Float32Array[],
  ) {
    if (ids.length !== vectors.length) throw new Error('one vector per id');
    this.dimensions = vectors[0]?.length ?? 0;
    this.data = new Float32Array(ids.length * this.dimensions);
    vectors.forEach((v, i) => {
      if (v.length !== this.dimensions) throw new Error(`vector of ${ids[i]} has ${v.length} dimensions, not ${this.dimensions}`);
      this.data.set(v, i * this.dimensions);
      this.position.set(ids[i], i);
    });
  }

  static fromMap(vectors: ReadonlyMap<string, Float32Array>): VectorTable {
    return new VectorTable([...vectors.keys()], [...vectors.values()]);
  }

  get size(): number {
    return this.ids.length;
  }

  indexOf(id: string): number {
    return this.position.get(id) ?? -1;
  }

  /** A view of row i (no copy). */
  row(i: number): Float32Array {
    return this.data.subarray(i * this.dimensions, (i + 1) * this.dimensions);
  }

  get(id: string): Float32Array | undefined {
    const i = this.indexOf(id);
    return i < 0 ? undefined : this.row(i);
  }

  /** Cosine of `query` with every row, in row order. */
  similarities(query: Float32Array): Float32Array {
    const d = this.dimensions;
    if (query.length !== d) throw new Error(`query has ${query.length} dimensions, not ${d}`);
    const out = new Float32Array(this.ids.length);
    const data = this.data;
    for (let r = 0, base = 0; r < out.length; r++, base += d) {
      let sum = 0;
      for (let i = 0; i < d; i++) sum += data[base + i] * query[i];
      out[r] = sum;
    }
    return out;
  }
}
