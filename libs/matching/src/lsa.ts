import { createHash } from 'node:crypto';
import type { Embedder } from './embedder.js';
import type { IndexablePaper } from './paper-index.js';
import { termCounts } from './similarity.js';
import { terms } from './text-analysis.js';
import { unitLength } from './vectors.js';

/*
 * Latent semantic analysis over Paperboy's own papers: the TF-IDF matrix of
 * the corpus (papers × terms) is reduced by a truncated SVD to k dimensions,
 * X ≈ U_k Σ_k V_kᵀ. A text is mapped to x·V_k (its TF-IDF row projected on the
 * term factors) and scaled to unit length, so words that occur in the same
 * papers ("policy", "PPO", "advantage") land near each other even where a
 * paper and an interest share no word. Pure TypeScript, no dependency.
 *
 * The SVD is randomized (Halko, Martinsson & Tropp 2011): a Gaussian sketch
 * Y = X Ω with `oversampling` extra columns, `powerIterations` rounds of
 * Y ← X Xᵀ Y (orthonormalised) to sharpen the spectrum, then an exact
 * eigen-decomposition of the small matrix B Bᵀ (B = Qᵀ X) by Jacobi rotations.
 * Seeded, so the same corpus always gives the same model.
 */

export interface LsaOptions {
  /** k: dimensions of the latent space; default lsaDimensionsFor(number of papers). */
  dimensions?: number;
  /** Terms in fewer papers carry no co-occurrence evidence and are left out. */
  minDocumentFrequency: number;
  /** The most frequent terms kept, bounding the model's size. */
  maxTerms: number;
  oversampling: number;
  powerIterations: number;
  seed: number;
}

export const DEFAULT_LSA_OPTIONS: Readonly<LsaOptions> = {
  minDocumentFrequency: 2,
  maxTerms: 20_000,
  oversampling: 16,
  powerIterations: 3,
  seed: 12,
};

/** What a trained model stores: its vocabulary, the IDF and the term factors V_k (terms × k, row-major). */
export interface LsaModelData {
  version: 1;
  dimensions: number;
  terms: string[];
  idf: number[];
  /** V_k, terms × k, row-major. */
  factors: number[];
  /** Singular values σ_1 ≥ … ≥ σ_k, for inspection. */
  singularValues: number[];
  /** Papers the model was trained on. */
  documents: number;
}

type SparseRow = { index: Int32Array; value: Float32Array };

/**
 * k = 2·√(papers), between 32 and 256: 32 for the 257 evaluation papers (where
 * 24–64 were tried and 32 did best on the tuning paraphrases), about 100 for
 * 2,500 papers, 256 from 16,000. More papers carry more distinct themes.
 */
export function lsaDimensionsFor(papers: number): number {
  return Math.max(32, Math.min(256, Math.round(2 * Math.sqrt(papers))));
}

function inverseDocumentFrequency(documents: number, withTerm: number): number {
  return Math.log(1 + (documents - withTerm + 0.5) / (withTerm + 0.5));
}

/** Mulberry32 then Box–Muller: a reproducible standard normal stream. */
function gaussian(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
}

/** Orthonormalises the columns of a (rows × cols, column-major) in place by modified Gram–Schmidt. */
function orthonormalize(a: Float64Array[], rows: number): void {
  for (let j = 0; j < a.length; j++) {
    const col = a[j];
    for (let p = 0; p < j; p++) {
      const prev = a[p];
      let d = 0;
      for (let i = 0; i < rows; i++) d += prev[i] * col[i];
      for (let i = 0; i < rows; i++) col[i] -= d * prev[i];
    }
    let norm = 0;
    for (let i = 0; i < rows; i++) norm += col[i] * col[i];
    norm = Math.sqrt(norm);
    if (norm > 1e-12) for (let i = 0; i < rows; i++) col[i] /= norm;
    else col.fill(0);
  }
}

/** Eigenvalues (descending) and eigenvectors (columns) of a symmetric matrix, by cyclic Jacobi rotations. */
function symmetricEigen(matrix: Float64Array[], size: number): { values: number[]; vectors: Float64Array[] } {
  const a = matrix.map((row) => Float64Array.from(row));
  const v = Array.from({ length: size }, (_, i) => {
    const row = new Float64Array(size);
    row[i] = 1;
    return row;
  });
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < size; p++) for (let q = p + 1; q < size; q++) off += a[p][q] * a[p][q];
    if (off < 1e-22) break;
    for (let p = 0; p < size; p++) {
      for (let q = p + 1; q < size; q++) {
        if (Math.abs(a[p][q]) < 1e-300) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < size; k++) {
          const akp = a[k][p];
          const akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < size; k++) {
          const apk = a[p][k];
          const aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < size; k++) {
          const vkp = v[k][p];
          const vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: size }, (_, i) => i).sort((x, y) => a[y][y] - a[x][x]);
  return {
    values: order.map((i) => a[i][i]),
    vectors: order.map((i) => Float64Array.from(v, (row) => row[i])),
  };
}

export class LsaModel {
  private readonly termIndex: Map<string, number>;

  private constructor(
    private readonly terms: readonly string[],
    private readonly idf: Float32Array,
    /** V_k, terms × k, row-major. */
    private readonly factors: Float32Array,
    readonly dimensions: number,
    readonly singularValues: readonly number[],
    /** Papers the model was trained on. */
    readonly documents: number,
  ) {
    this.termIndex = new Map(terms.map((t, i) => [t, i]));
  }

  /** Trains on the papers' titles, abstracts and keywords (the same bag of words as tfIdfVector). */
  static train(papers: readonly IndexablePaper[], options: Partial<LsaOptions> = {}): LsaModel {
    const o = { ...DEFAULT_LSA_OPTIONS, ...options };
    const bags = papers.map(termCounts);
    const df = new Map<string, number>();
    for (const bag of bags) for (const term of bag.keys()) df.set(term, (df.get(term) ?? 0) + 1);
    const vocabulary = [...df.entries()]
      .filter(([, n]) => n >= o.minDocumentFrequency)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, o.maxTerms)
      .map(([term]) => term);
    const index = new Map(vocabulary.map((t, i) => [t, i]));
    const idf = vocabulary.map((t) => inverseDocumentFrequency(papers.length, df.get(t)!));
    const rows = bags.map((bag) => weightedRow(bag, index, idf));
    const m = vocabulary.length;
    const n = rows.length;
    const k = Math.max(1, Math.min(o.dimensions ?? lsaDimensionsFor(n), n, m));
    const l = Math.min(k + o.oversampling, n, m);

    // Y = X Ω, then power iterations Y ← X (Xᵀ Y), orthonormalised each time (columns of length n).
    const normal = gaussian(o.seed);
    const omega = Array.from({ length: l }, () => Float64Array.from({ length: m }, normal));
    let y = omega.map((col) => multiplyRows(rows, col, n));
    orthonormalize(y, n);
    for (let q = 0; q < o.powerIterations; q++) {
      const z = y.map((col) => multiplyRowsTransposed(rows, col, m));
      orthonormalize(z, m);
      y = z.map((col) => multiplyRows(rows, col, n));
      orthonormalize(y, n);
    }
    // B = Qᵀ X (l × m), then the eigen-decomposition of B Bᵀ (l × l) gives Σ² and U_B.
    const b = y.map((col) => multiplyRowsTransposed(rows, col, m));
    const gram = b.map((bi) => Float64Array.from(b, (bj) => dotDense(bi, bj)));
    const { values, vectors } = symmetricEigen(gram, l);
    const factors = new Float32Array(m * k);
    const singularValues: number[] = [];
    for (let c = 0; c < k; c++) {
      const sigma = Math.sqrt(Math.max(values[c], 0));
      singularValues.push(sigma);
      if (sigma < 1e-9) continue;
      // V_c = Bᵀ u_c / σ_c
      const u = vectors[c];
      for (let t = 0; t < m; t++) {
        let sum = 0;
        for (let r = 0; r < l; r++) sum += b[r][t] * u[r];
        factors[t * k + c] = sum / sigma;
      }
    }
    return new LsaModel(vocabulary, Float32Array.from(idf), factors, k, singularValues, n);
  }

  static fromJSON(data: LsaModelData): LsaModel {
    if (data.version !== 1) throw new Error(`unknown LSA model version ${String(data.version)}`);
    if (data.factors.length !== data.terms.length * data.dimensions || data.idf.length !== data.terms.length) throw new Error('LSA model data is inconsistent');
    // fromBytes hands the factors over as a Float32Array already (typed as number[] to share this check).
    const factors = data.factors instanceof Float32Array ? data.factors : Float32Array.from(data.factors);
    return new LsaModel(data.terms, Float32Array.from(data.idf), factors, data.dimensions, data.singularValues, data.documents);
  }

  /** Plain JSON (numbers rounded to 6 significant digits): about 10 bytes per term per dimension. */
  toJSON(): LsaModelData {
    const round = (x: number) => Number(x.toPrecision(6));
    return {
      version: 1,
      dimensions: this.dimensions,
      terms: [...this.terms],
      idf: Array.from(this.idf, round),
      factors: Array.from(this.factors, round),
      singularValues: this.singularValues.map(round),
      documents: this.documents,
    };
  }

  /**
   * Compact binary form to store (a database blob or a file): a length-prefixed
   * JSON header (vocabulary, IDF, singular values) and the factors as float32,
   * about 4 bytes per term per dimension plus the vocabulary.
   */
  toBytes(): Uint8Array {
    const header = new TextEncoder().encode(
      JSON.stringify({ version: 1, dimensions: this.dimensions, terms: this.terms, idf: Array.from(this.idf), singularValues: this.singularValues, documents: this.documents }),
    );
    const offset = 4 + header.length + ((4 - ((4 + header.length) % 4)) % 4);
    const bytes = new Uint8Array(offset + this.factors.byteLength);
    new DataView(bytes.buffer).setUint32(0, header.length, true);
    bytes.set(header, 4);
    bytes.set(new Uint8Array(this.factors.buffer, this.factors.byteOffset, this.factors.byteLength), offset);
    return bytes;
  }

  static fromBytes(bytes: Uint8Array): LsaModel {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const length = view.getUint32(0, true);
    if (4 + length > bytes.length) throw new Error('not a stored LSA model');
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length))) as Omit<LsaModelData, 'factors'>;
    const offset = 4 + length + ((4 - ((4 + length) % 4)) % 4);
    const factors = new Float32Array(bytes.slice(offset).buffer);
    return LsaModel.fromJSON({ ...header, factors: factors as unknown as number[] });
  }

  /** 12 hex digits of a hash over vocabulary and factors: two models with the same fingerprint embed alike. */
  fingerprint(): string {
    const hash = createHash('sha256');
    hash.update(this.terms.join('\n'));
    hash.update(new Uint8Array(this.factors.buffer, this.factors.byteOffset, this.factors.byteLength));
    return hash.digest('hex').slice(0, 12);
  }

  get vocabularySize(): number {
    return this.terms.length;
  }

  /** A paper's unit vector: title (counted twice), abstract and keywords projected on V_k. */
  embedPaper(paper: IndexablePaper): Float32Array {
    return this.project(termCounts(paper));
  }

  /** An interest's unit vector; a text of words the corpus never had is the zero vector (similar to nothing). */
  embedText(text: string): Float32Array {
    const counts = new Map<string, number>();
    for (const term of terms(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
    return this.project(counts);
  }

  /** The corpus terms nearest to a text in the latent space: what an interest is taken to mean, for inspection. */
  nearestTerms(text: string, count = 10): Array<{ term: string; similarity: number }> {
    const query = this.embedText(text);
    const k = this.dimensions;
    const found: Array<{ term: string; similarity: number }> = [];
    for (let t = 0; t < this.terms.length; t++) {
      const v = unitLength(this.factors.slice(t * k, (t + 1) * k));
      let s = 0;
      for (let i = 0; i < k; i++) s += v[i] * query[i];
      found.push({ term: this.terms[t], similarity: s });
    }
    return found.sort((a, b) => b.similarity - a.similarity).slice(0, count);
  }

  private project(counts: ReadonlyMap<string, number>): Float32Array {
    const k = this.dimensions;
    const out = new Float32Array(k);
    const row = weightedRow(counts, this.termIndex, this.idf);
    const factors = this.factors;
    for (let j = 0; j < row.index.length; j++) {
      const base = row.index[j] * k;
      const w = row.value[j];
      for (let c = 0; c < k; c++) out[c] += w * factors[base + c];
    }
    return unitLength(out);
  }
}

/** A bag of words as a unit-length TF-IDF row over the vocabulary: (1 + ln tf) · idf. */
function weightedRow(counts: ReadonlyMap<string, number>, index: ReadonlyMap<string, number>, idf: ArrayLike<number>): SparseRow {
  const entries: Array<[number, number]> = [];
  let norm = 0;
  for (const [term, count] of counts) {
    const i = index.get(term);
    if (i === undefined || count <= 0) continue;
    const w = (1 + Math.log(count)) * idf[i];
    entries.push([i, w]);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  return { index: Int32Array.from(entries, ([i]) => i), value: Float32Array.from(entries, ([, w]) => w / norm) };
}

/** X · col for X given as sparse rows: a vector of length n. */
function multiplyRows(rows: readonly SparseRow[], col: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  rows.forEach((row, r) => {
    let sum = 0;
    for (let j = 0; j < row.index.length; j++) sum += row.value[j] * col[row.index[j]];
    out[r] = sum;
  });
  return out;
}

/** Xᵀ · col: a vector of length m. */
function multiplyRowsTransposed(rows: readonly SparseRow[], col: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m);
  rows.forEach((row, r) => {
    const c = col[r];
    if (c === 0) return;
    for (let j = 0; j < row.index.length; j++) out[row.index[j]] += row.value[j] * c;
  });
  return out;
}

function dotDense(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/** An LsaModel behind the Embedder interface; its modelId names the exact trained model (a hash of its factors). */
export class LsaEmbedder implements Embedder {
  readonly modelId: string;
  readonly dimensions: number;

  constructor(readonly model: LsaModel) {
    this.dimensions = model.dimensions;
    this.modelId = `lsa-${model.dimensions}-${model.fingerprint()}`;
  }

  async embedPapers(papers: readonly IndexablePaper[]): Promise<Float32Array[]> {
    return papers.map((p) => this.model.embedPaper(p));
  }

  async embedTexts(texts: readonly string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.model.embedText(t));
  }
}
