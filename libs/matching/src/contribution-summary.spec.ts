import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { contributionSummary, scoreSentences, splitSentences } from './contribution-summary.js';

describe('splitSentences', () => {
  it('splits at sentence ends but not after abbreviations, initials, decimals or inside URLs', () => {
    expect(
      splitSentences('Prior work (e.g. Smith et al. 2020) reached 3.5 points. We propose X, i.e. a new method. Code: https://x.org/a.b now. Done!'),
    ).toEqual(['Prior work (e.g. Smith et al. 2020) reached 3.5 points.', 'We propose X, i.e. a new method.', 'Code: https://x.org/a.b now.', 'Done!']);
  });

  it('keeps a sentence that starts with a number or a bracket, and collapses white space', () => {
    expect(splitSentences('First one.  (i) Second\n one. 40% of the third.')).toEqual(['First one.', '(i) Second one.', '40% of the third.']);
  });
});

const ABSTRACT =
  'Large language models have shown remarkable progress in reasoning. However, their reasoning remains brittle. ' +
  'In this paper, we propose FooRL, a framework that rewards intermediate steps. ' +
  'Experiments show that FooRL outperforms GRPO by 4.2 points on MATH. Code is available at https://github.com/x/y.';

describe('contributionSummary', () => {
  it('picks the contribution and a result instead of the background opening', () => {
    expect(contributionSummary(ABSTRACT)).toBe(
      'In this paper, we propose FooRL, a framework that rewards intermediate steps. Experiments show that FooRL outperforms GRPO by 4.2 points on MATH.',
    );
  });

  it('leaves out the result sentence when it would not fit', () => {
    expect(contributionSummary(ABSTRACT, 90)).toBe('In this paper, we propose FooRL, a framework that rewards intermediate steps.');
  });

  it('scores background and housekeeping below contributions', () => {
    const kinds = scoreSentences(ABSTRACT).map((s) => [s.kind, Math.sign(s.score)]);
    expect(kinds).toEqual([
      ['other', -1],
      ['other', -1],
      ['contribution', 1],
      ['result', 1],
      ['other', -1],
    ]);
  });

  it('falls back to the abstract when no sentence states a contribution', () => {
    expect(contributionSummary('Transformers are widely used. They have many layers.')).toBe('Transformers are widely used. They have many layers.');
    expect(contributionSummary('   ')).toBe('');
  });

  it('only ever returns sentences of the abstract, in their order', () => {
    const sentence = fc.constantFrom(
      'We propose a method.',
      'Recent work has shown gains.',
      'It improves accuracy by 5%.',
      'However, this remains a challenge.',
      'Code is available at https://github.com/a/b.',
      'We introduce a benchmark, called B.',
      'The model is trained on text.',
    );
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 8 }), (sentences) => {
        const abstract = sentences.join(' ');
        const summary = contributionSummary(abstract);
        expect(summary.length).toBeGreaterThan(0);
        const picked = splitSentences(summary);
        const all = splitSentences(abstract);
        let from = 0;
        for (const s of picked) {
          const at = all.indexOf(s, from);
          expect(at).toBeGreaterThanOrEqual(from);
          from = at + 1;
        }
      }),
    );
  });
});
