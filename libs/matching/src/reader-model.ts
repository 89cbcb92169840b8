import type { VectorTable } from './vectors.js';

/*
 * A per-reader linear model over paper vectors, trained on the reader's
 * ratings: 👍 (and seed papers) are positives, 👎 negatives, and a sample of
 * other recent papers weak negatives (what arxiv-sanity does with every
 * untagged paper). L2-regularised, class-balanced logistic regression:
 *
 *   minimise  Σ_i c_i · logloss(y_i, σ(w·x_i + b)) + (λ/2)·‖w‖²
 *
 * with the example weights c_i summing to LIKED_SHARE over the liked papers
 * and the rest over the negatives (DISLIKED_SHARE over 👎 when there are any,
 * the remainder over the background sample), each group split evenly within
 * itself: three likes weigh as much as thirty. Solved by Newton's method with
 * conjugate-gradient steps (Hessian-vector products only, so the cost grows
 * linearly with the dimension): a few milliseconds for 200 ratings.
 *
 *   preference(p) = 2·σ(w·x_p + b) − 1        in −1..1
 *
 * The model is d + 1 numbers (d = the embedder's dimension), stored per reader
 * and retrained whenever their ratings change.
 */

export interface ReaderModel {
  version: 1;
  /** The embedder whose vectors the model was trained on (Embedder.modelId); another embedder's vectors are not scored. */
  embedderId: string;
  weights: Float32Array;
  bias: number;
  liked: number;
  disliked: number;
}

export interface ReaderModelOptions {
  /** λ: how strongly weights are pulled to 0 (arxiv-sanity's LinearSVC uses C = 0.1, i.e. strong). */
  l2: number;
  likedShare: number;
  /** Weight of explicit 👎 among the negatives, when there are any. */
  dislikedShare: number;
  maxIterations: number;
}

export const DEFAULT_READER_MODEL_OPTIONS: Readonly<ReaderModelOptions> = { l2: 0.01, likedShare: 0.5, dislikedShare: 0.4, maxIterations: 30 };

export interface ReaderTrainingSet {
  liked: readonly Float32Array[];
  disliked: readonly Float32Array[];
  /** Other recent papers, as weak negatives (see backgroundSample). */
  background: readonly Float32Array[];
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Trains a reader's model; null when they have rated nothing up (nothing to learn what they like from). */
export function trainReaderModel(set: ReaderTrainingSet, embedderId: string, options: Partial<ReaderModelOptions> = {}): ReaderModel | null {
  const o = { ...DEFAULT_READER_MODEL_OPTIONS, ...options };
  if (set.liked.length === 0) return null;
  const d = set.liked[0].length;
  const xs: Float32Array[] = [];
  const ys: number[] = [];
  const cs: number[] = [];
  const add = (group: readonly Float32Array[], y: number, share: number) => {
    for (const x of group) {
      if (x.length !== d) throw new Error(`paper vector of ${x.length} dimensions, not ${d}`);
      xs.push(x);
      ys.push(y);
      cs.push(share / group.length);
    }
  };
  const negatives = 1 - o.likedShare;
  const dislikedShare = set.disliked.length === 0 ? 0 : set.background.length === 0 ? negatives : o.dislikedShare;
  add(set.liked, 1, set.disliked.length + set.background.length === 0 ? 1 : o.likedShare);
  add(set.disliked, 0, dislikedShare);
  add(set.background, 0, negatives - dislikedShare);

  const n = xs.length;
  // θ = [w; b]
  const theta = new Float64Array(d + 1);
  const margin = (i: number, t: Float64Array) => {
    let z = t[d];
    const x = xs[i];
    for (let k = 0; k < d; k++) z += t[k] * x[k];
    return z;
  };
  const loss = (t: Float64Array) => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const z = margin(i, t);
      // log(1 + e^−z) for y = 1, log(1 + e^z) for y = 0, computed stably.
      const s = ys[i] === 1 ? -z : z;
      sum += cs[i] * (s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s)));
    }
    let reg = 0;
    for (let k = 0; k < d; k++) reg += t[k] * t[k];
    return sum + (o.l2 / 2) * reg;
  };

  const p = new Float64Array(n);
  for (let iteration = 0; iteration < o.maxIterations; iteration++) {
    const gradient = new Float64Array(d + 1);
    const curvature = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      p[i] = sigmoid(margin(i, theta));
      const r = cs[i] * (p[i] - ys[i]);
      const x = xs[i];
      for (let k = 0; k < d; k++) gradient[k] += r * x[k];
      gradient[d] += r;
      curvature[i] = cs[i] * p[i] * (1 - p[i]);
    }
    for (let k = 0; k < d; k++) gradient[k] += o.l2 * theta[k];
    if (norm(gradient) < 1e-7) break;
    // H·v = Σ c_i p_i (1 − p_i) (x̃_i·v) x̃_i + λ v (bias barely regularised, to keep H positive definite).
    const hessianTimes = (v: Float64Array) => {
      const out = new Float64Array(d + 1);
      for (let i = 0; i < n; i++) {
        const x = xs[i];
        let xv = v[d];
        for (let k = 0; k < d; k++) xv += x[k] * v[k];
        const c = curvature[i] * xv;
        for (let k = 0; k < d; k++) out[k] += c * x[k];
        out[d] += c;
      }
      for (let k = 0; k < d; k++) out[k] += o.l2 * v[k];
      out[d] += 1e-6 * v[d];
      return out;
    };
    const step = conjugateGradient(hessianTimes, gradient, 2 * (d + 1));
    // Backtracking: Newton steps on a logistic loss rarely overshoot, but a cheap check keeps training monotone.
    const before = loss(theta);
    let scale = 1;
    let next = theta;
    for (let tries = 0; tries < 20; tries++, scale /= 2) {
      next = Float64Array.from(theta, (t, k) => t - scale * step[k]);
      if (loss(next) <= before) break;
    }
    const moved = norm(Float64Array.from(step, (s) => s * scale));
    theta.set(next);
    if (moved < 1e-7) break;
  }
  return { version: 1, embedderId, weights: Float32Array.from(theta.subarray(0, d)), bias: theta[d], liked: set.liked.length, disliked: set.disliked.length };
}

/** −1 (the reader's model is sure they would not want it) to 1; the learned component of the ranking. */
export function readerPreference(model: Pick<ReaderModel, 'weights' | 'bias'>, vector: Float32Array): number {
  const w = model.weights;
  if (w.length !== vector.length) return 0;
  let z = model.bias;
  for (let k = 0; k < w.length; k++) z += w[k] * vector[k];
  return 2 * sigmoid(z) - 1;
}

/**
 * Up to `count` papers of `papers` that are not rated, spread evenly over the
 * table (deterministic, so retraining on the same ratings gives the same model).
 */
export function backgroundSample(papers: VectorTable, rated: ReadonlySet<string>, count = 100): Float32Array[] {
  const candidates: number[] = [];
  for (let i = 0; i < papers.size; i++) if (!rated.has(papers.ids[i])) candidates.push(i);
  const step = Math.max(1, candidates.length / count);
  const sample: Float32Array[] = [];
  for (let j = 0; j < candidates.length && sample.length < count; j = Math.floor(sample.length * step)) sample.push(papers.row(candidates[j]));
  return sample;
}

/** JSON-safe form to store per reader: about 10 characters per dimension. */
export function serializeReaderModel(model: ReaderModel): string {
  const round = (x: number) => Number(x.toPrecision(6));
  return JSON.stringify({ ...model, weights: Array.from(model.weights, round), bias: round(model.bias) });
}

export function deserializeReaderModel(text: string): ReaderModel {
  const data = JSON.parse(text) as Omit<ReaderModel, 'weights'> & { weights: number[] };
  if (data.version !== 1 || !Array.isArray(data.weights) || typeof data.bias !== 'number' || typeof data.embedderId !== 'string') throw new Error('not a stored reader model');
  return { ...data, weights: Float32Array.from(data.weights) };
}

function norm(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/** Solves A x = b for a symmetric positive definite A given as a product. */
function conjugateGradient(times: (v: Float64Array) => Float64Array, b: Float64Array, maxIterations: number): Float64Array {
  const x = new Float64Array(b.length);
  const r = Float64Array.from(b);
  const p = Float64Array.from(b);
  let rr = r.reduce((s, v) => s + v * v, 0);
  const stop = 1e-20 * Math.max(rr, 1e-30);
  for (let it = 0; it < maxIterations && rr > stop; it++) {
    const ap = times(p);
    let pap = 0;
    for (let i = 0; i < p.length; i++) pap += p[i] * ap[i];
    if (pap <= 0) break;
    const alpha = rr / pap;
    for (let i = 0; i < x.length; i++) {
      x[i] += alpha * p[i];
      r[i] -= alpha * ap[i];
    }
    const next = r.reduce((s, v) => s + v * v, 0);
    const beta = next / rr;
    for (let i = 0; i < p.length; i++) p[i] = r[i] + beta * p[i];
    rr = next;
  }
  return x;
}
