import type { IndexablePaper } from './paper-index.js';

/**
 * Maps papers and interests to unit vectors whose dot product says how close
 * they are in meaning. Paper vectors are computed once, at ingest, and stored
 * (encodeVector); interest vectors once per distinct interest. Nothing is
 * embedded per reader or per digest.
 */
export interface Embedder {
  /** Names the model and its exact version. Stored with each vector: vectors of different models are never compared. */
  readonly modelId: string;
  readonly dimensions: number;
  /** Unit vectors, one per paper, in order. */
  embedPapers(papers: readonly IndexablePaper[]): Promise<Float32Array[]>;
  /** Unit vectors for interest texts ("opinion mining"), one per text, in order. */
  embedTexts(texts: readonly string[]): Promise<Float32Array[]>;
}
