import { describe, expect, it } from '@jest/globals';
import { decodeXmlEntities, parseArxivAtom } from './arxiv-atom.js';

// Trimmed from the shape of export.arxiv.org/api/query and rss.arxiv.org/atom/cs.LG responses.
const apiFeed = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <title type="html">ArXiv Query: search_query=cat:cs.LG</title>
  <id>http://arxiv.org/api/abc</id>
  <entry>
    <id>http://arxiv.org/abs/2510.01234v3</id>
    <updated>2025-10-05T09:00:00Z</updated>
    <published>2025-10-01T23:59:00-02:00</published>
    <title>RewardMap: Tackling Sparse Rewards
      in Fine-grained Visual Reasoning &amp; Planning</title>
    <summary>  We compare &lt;think&gt; traces with &quot;plain&quot; answers &#8212; it&apos;s 2&#x00D7; faster.
    </summary>
    <author>
      <name>Sicheng Feng</name>
      <arxiv:affiliation>HKUST (Guangzhou)</arxiv:affiliation>
    </author>
    <author>
      <name>Kaiwen Tuo</name>
    </author>
    <arxiv:comment>Code: https://github.com/fscdc/RewardMap. 20 pages</arxiv:comment>
    <link href="http://arxiv.org/abs/2510.01234v3" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/2510.01234v3" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.CV" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.CV" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
  <entry>
    <id>http://arxiv.org/abs/hep-th/9901001v1</id>
    <published>1999-01-01T00:00:00Z</published>
    <title>An old-style paper</title>
    <summary>Strings.</summary>
    <author><name>A. Author</name></author>
  </entry>
</feed>`;

const rssFeed = `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <entry>
    <id>oai:arXiv.org:2511.00001v1</id>
    <title>A New Reward Model</title>
    <link href="https://arxiv.org/abs/2511.00001" rel="alternate" type="text/html"/>
    <summary>arXiv:2511.00001v1 Announce Type: new
Abstract: Reward models matter.</summary>
    <category term="cs.LG"/>
    <published>2025-11-04T00:00:00-05:00</published>
    <arxiv:announce_type>new</arxiv:announce_type>
    <dc:creator>Ada Lovelace, Alan Turing</dc:creator>
  </entry>
  <entry>
    <id>oai:arXiv.org:2410.09999v4</id>
    <title>An Old Paper, Revised</title>
    <summary>arXiv:2410.09999v4 Announce Type: replace
Abstract: Revised.</summary>
    <published>2025-11-04T00:00:00-05:00</published>
    <arxiv:announce_type>replace</arxiv:announce_type>
  </entry>
  <entry>
    <id>oai:arXiv.org:2409.08888v2</id>
    <title>A Cross-listed Revision</title>
    <arxiv:announce_type>replace-cross</arxiv:announce_type>
  </entry>
  <entry>
    <id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id>
    <title>Error</title>
  </entry>
</feed>`;

describe('parseArxivAtom', () => {
  it('reads an API feed entry', () => {
    const { papers, skipped } = parseArxivAtom(apiFeed);
    expect(skipped).toEqual([]);
    expect(papers[0]).toEqual({
      arxivId: '2510.01234',
      title: 'RewardMap: Tackling Sparse Rewards in Fine-grained Visual Reasoning & Planning',
      abstract: 'We compare <think> traces with "plain" answers — it\'s 2× faster.',
      aiSummary: null,
      authors: ['Sicheng Feng', 'Kaiwen Tuo'],
      authorCount: 2,
      organization: 'HKUST (Guangzhou)',
      arxivDate: '2025-10-02',
      featuredDate: null,
      upvotes: null,
      links: {
        arxiv: 'https://arxiv.org/abs/2510.01234',
        pdf: 'https://arxiv.org/pdf/2510.01234',
        code: 'https://github.com/fscdc/RewardMap',
      },
      keywords: ['cs.CV', 'cs.LG'],
      withdrawnAt: null,
      source: 'arxiv',
      raw: expect.stringContaining('<id>http://arxiv.org/abs/2510.01234v3</id>'),
    });
    expect(papers[1]).toMatchObject({ arxivId: 'hep-th/9901001', arxivDate: '1999-01-01', organization: null, authors: ['A. Author'] });
  });

  it('skips replacements and error entries from a listing feed, and keeps new papers', () => {
    const { papers, skipped } = parseArxivAtom(rssFeed, 'arxiv-rss');
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({
      arxivId: '2511.00001',
      abstract: 'Reward models matter.',
      authors: ['Ada Lovelace', 'Alan Turing'],
      arxivDate: '2025-11-04',
      keywords: ['cs.LG'],
      source: 'arxiv-rss',
    });
    expect(skipped).toEqual([
      { ref: 'entry 1 (oai:arXiv.org:2410.09999v4)', reason: 'replacement, not a new paper' },
      { ref: 'entry 2 (oai:arXiv.org:2409.08888v2)', reason: 'replacement, not a new paper' },
      { ref: 'entry 3 (http://arxiv.org/api/errors#incorrect_id_format_for_1234)', reason: expect.stringMatching(/^invalid arXiv id/) },
    ]);
  });

  it('returns nothing for a feed without entries', () => {
    expect(parseArxivAtom('<feed xmlns="http://www.w3.org/2005/Atom"><title>empty</title></feed>')).toEqual({ papers: [], skipped: [], corrected: [] });
  });
});

describe('parseArxivAtom on hostile markup', () => {
  const entry = (id: string, body = '') => `<entry><id>http://arxiv.org/abs/${id}v1</id><title>Paper ${id}</title>${body}</entry>`;
  // Each of these made the old regex reader backtrack over the whole document once per tag: hours for a few megabytes.
  it.each([
    ['unclosed entries', '<entry><id>x</id>'.repeat(200_000)],
    ['unclosed authors inside an entry', entry('2511.00003', '<author><name>'.repeat(15_000))],
    ['a run of "<"', entry('2511.00003', `<summary>${'<'.repeat(200_000)}</summary>`)],
    ['unterminated CDATA sections', entry('2511.00003', `<summary>${'<![CDATA[x'.repeat(20_000)}</summary>`)],
    ['ampersands without semicolons', entry('2511.00003', `<summary>${'&aaaaaaaaaaaaaaaaaaaa'.repeat(50_000)}</summary>`)],
    ['a huge opening tag', entry('2511.00003', `<link ${'a'.repeat(1_000_000)}/>`)],
  ])('reads %s in linear time, keeping the good entries', (_, hostile) => {
    const started = performance.now();
    const { papers } = parseArxivAtom(`<feed>${entry('2511.00001')}${entry('2511.00002')}${hostile}</feed>`);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(papers.map((p) => p.arxivId).slice(0, 2)).toEqual(['2511.00001', '2511.00002']);
  });

  it('expands no DTD entity, so a "billion laughs" stays a few bytes', () => {
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const { papers } = parseArxivAtom(`<!DOCTYPE feed [<!ENTITY lol0 "lol">${lol}]><feed>${entry('2511.00001').replace('Paper', '&lol9;')}</feed>`);
    expect(papers[0].title).toBe('&lol9; 2511.00001');
  });

  it('reports a feed cut off inside an entry', () => {
    const { papers, skipped } = parseArxivAtom(`<feed>${entry('2511.00001')}<entry><id>http://arxiv.org/abs/2511.00002</id><title>Cut`);
    expect(papers).toHaveLength(1);
    expect(skipped).toEqual([{ ref: 'entry 1', reason: 'the feed ends inside this entry (cut off)' }]);
  });
});

describe('decodeXmlEntities', () => {
  it.each([
    ['a &amp; b', 'a & b'],
    ['&lt;tag&gt; &quot;q&quot; &apos;s&apos;', '<tag> "q" \'s\''],
    ['&#233;t&#xE9;', 'été'],
    ['&amp;lt; stays escaped once', '&lt; stays escaped once'],
    ['&nbsp; &#0; unknown kept', '&nbsp; &#0; unknown kept'],
  ])('%s', (input, expected) => {
    expect(decodeXmlEntities(input)).toBe(expected);
  });
});
