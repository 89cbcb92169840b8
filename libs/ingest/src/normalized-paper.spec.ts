import { describe, expect, it } from '@jest/globals';
import { arxivLinks, cleanText, normalizeArxivId, syntheticPaperId } from './normalized-paper.js';

describe('normalizeArxivId', () => {
  it.each([
    ['2510.01234', '2510.01234'],
    ['  2510.01234v3 ', '2510.01234'],
    ['arXiv:2510.01234v12', '2510.01234'],
    ['ARXIV:1706.03762', '1706.03762'],
    ['1412.6980', '1412.6980'],
    ['https://arxiv.org/abs/2510.01234v2', '2510.01234'],
    ['http://arxiv.org/pdf/2510.01234v1.pdf', '2510.01234'],
    ['https://arxiv.org/pdf/2510.01234', '2510.01234'],
    ['https://www.arxiv.org/abs/2510.01234/', '2510.01234'],
    ['http://export.arxiv.org/abs/2510.01234?context=cs', '2510.01234'],
    ['oai:arXiv.org:2511.00001v1', '2511.00001'],
    ['hep-th/9901001', 'hep-th/9901001'],
    ['hep-th/9901001v2', 'hep-th/9901001'],
    ['https://arxiv.org/abs/math.GT/0309136v1', 'math.GT/0309136'],
    ['arXiv:cond-mat/0211034', 'cond-mat/0211034'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeArxivId(input)).toBe(expected);
  });

  it.each([[''], ['not-an-id'], ['2510.123'], ['2513.01234'], ['25101.234'], ['hep-th/990100'], ['sample-0123456789'], [null], [2510.01234]])(
    'rejects %p',
    (input) => {
      expect(normalizeArxivId(input)).toBeNull();
    },
  );
});

describe('cleanText', () => {
  it('collapses newlines, tabs and no-break spaces into single spaces', () => {
    expect(cleanText('  Reward\n\tmodels\u00a0 matter \r\n')).toBe('Reward models matter');
  });
});

describe('syntheticPaperId', () => {
  it('gives the same id to the same title however it is spaced or cased', () => {
    const id = syntheticPaperId('Reward Models  Matter');
    expect(id).toMatch(/^sample-[0-9a-f]{10}$/);
    expect(syntheticPaperId(' reward models\nmatter ')).toBe(id);
    expect(syntheticPaperId('Reward Models Matter Less')).not.toBe(id);
  });
});

describe('arxivLinks', () => {
  it('links the abstract, the PDF and, given a base, the paper page', () => {
    expect(arxivLinks('2510.01234', 'https://huggingface.co/')).toEqual({
      paperPage: 'https://huggingface.co/papers/2510.01234',
      arxiv: 'https://arxiv.org/abs/2510.01234',
      pdf: 'https://arxiv.org/pdf/2510.01234',
    });
    expect(arxivLinks('hep-th/9901001')).toEqual({ arxiv: 'https://arxiv.org/abs/hep-th/9901001', pdf: 'https://arxiv.org/pdf/hep-th/9901001' });
  });

  it('invents no links for synthetic ids', () => {
    expect(arxivLinks(syntheticPaperId('A title'), 'https://huggingface.co')).toEqual({});
  });
});
