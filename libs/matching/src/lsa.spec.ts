import { describe, expect, it } from '@jest/globals';
import { LsaEmbedder, LsaModel, lsaDimensionsFor } from './lsa.js';
import type { IndexablePaper } from './paper-index.js';
import { dot } from './vectors.js';

const paper = (id: string, title: string, abstract: string): IndexablePaper => ({ id, title, abstract });

// Opinion and sentiment co-occur in reviews papers; robots never mention either.
const CORPUS = [
  paper('a', 'Opinion mining of product reviews', 'We mine opinions and sentiment polarity from customer reviews of products.'),
  paper('b', 'Sentiment polarity in product reviews', 'A classifier of sentiment polarity for the opinions in customer reviews.'),
  paper('c', 'Aspect sentiment for restaurant reviews', 'Polarity of each aspect in restaurant reviews, with a sentiment lexicon.'),
  paper('d', 'Robot grasping with tactile sensors', 'A robot arm learns grasping of objects from tactile sensors and cameras.'),
  paper('e', 'Legged robot locomotion', 'A quadruped robot learns locomotion on rough terrain with sensors.'),
  paper('f', 'Robot arm manipulation from demonstrations', 'The robot arm imitates demonstrations of manipulation with objects.'),
];

describe('LsaModel', () => {
  it('puts a paper near an interest it shares no word with, through words they both co-occur with', () => {
    const model = LsaModel.train(CORPUS, { dimensions: 2 });
    const query = model.embedText('opinion');
    const similarity = (id: string) => dot(query, model.embedPaper(CORPUS.find((p) => p.id === id)!));
    // Paper c never says "opinion", but its sentiment and reviews vocabulary is that of paper a.
    expect(similarity('c')).toBeGreaterThan(0.8);
    for (const robot of ['d', 'e', 'f']) expect(similarity('c')).toBeGreaterThan(similarity(robot) + 0.5);
  });

  it('gives the zero vector (similar to nothing) for words the corpus never had', () => {
    const model = LsaModel.train(CORPUS, { dimensions: 2 });
    expect(Array.from(model.embedText('quantum chromodynamics')).every((x) => x === 0)).toBe(true);
    expect(Array.from(model.embedText('the of and')).every((x) => x === 0)).toBe(true);
  });

  it('is deterministic, and its JSON form embeds like the model it came from', () => {
    const first = LsaModel.train(CORPUS, { dimensions: 3 });
    const second = LsaModel.train(CORPUS, { dimensions: 3 });
    expect(second.fingerprint()).toBe(first.fingerprint());
    const restored = LsaModel.fromJSON(JSON.parse(JSON.stringify(first.toJSON())));
    for (const p of CORPUS) expect(dot(restored.embedPaper(p), first.embedPaper(p))).toBeGreaterThan(0.99999);
    expect(restored.dimensions).toBe(3);
    expect(restored.documents).toBe(CORPUS.length);
  });

  it('stores as bytes (float32 factors) and reads back exactly', () => {
    const model = LsaModel.train(CORPUS, { dimensions: 3 });
    const bytes = model.toBytes();
    expect(bytes.length).toBeLessThan(JSON.stringify(model.toJSON()).length);
    const back = LsaModel.fromBytes(bytes);
    expect(back.fingerprint()).toBe(model.fingerprint());
    for (const p of CORPUS) expect(Array.from(back.embedPaper(p))).toEqual(Array.from(model.embedPaper(p)));
    expect(() => LsaModel.fromBytes(new Uint8Array([255, 255, 0, 0]))).toThrow();
  });

  it('refuses stored data that does not fit together', () => {
    const data = LsaModel.train(CORPUS, { dimensions: 2 }).toJSON();
    expect(() => LsaModel.fromJSON({ ...data, factors: data.factors.slice(1) })).toThrow(/inconsistent/);
    expect(() => LsaModel.fromJSON({ ...data, version: 2 as 1 })).toThrow(/version/);
  });

  it('has unit vectors and singular values in decreasing order', () => {
    const model = LsaModel.train(CORPUS, { dimensions: 3 });
    for (const p of CORPUS) expect(dot(model.embedPaper(p), model.embedPaper(p))).toBeCloseTo(1, 5);
    const s = model.singularValues;
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeLessThanOrEqual(s[i - 1] + 1e-9);
  });

  it('sizes the latent space by the corpus: 32 for the evaluation corpus, 256 at most', () => {
    expect(lsaDimensionsFor(257)).toBe(32);
    expect(lsaDimensionsFor(2_500)).toBe(100);
    expect(lsaDimensionsFor(1_000_000)).toBe(256);
    expect(LsaModel.train(CORPUS).dimensions).toBeLessThanOrEqual(CORPUS.length);
  });

  it('serves as an Embedder whose model id names the trained model', async () => {
    const embedder = new LsaEmbedder(LsaModel.train(CORPUS, { dimensions: 2 }));
    expect(embedder.modelId).toMatch(/^lsa-2-[0-9a-f]{12}$/);
    const [v] = await embedder.embedTexts(['robot arm']);
    const [p] = await embedder.embedPapers([CORPUS[5]]);
    expect(dot(v, p)).toBeGreaterThan(0.9);
  });
});
