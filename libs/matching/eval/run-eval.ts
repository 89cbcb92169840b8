// `npm run eval:matching`: precision and recall of the topic queries and of
// keyword matching, on the tuning pages (a+b) and the held-out page (c); then
// the reader features of issue 12 (meaning, seeds, ratings, thresholds, the
// all-of-AI catalog, summaries) on the sample plus the synthetic papers, and
// the cost per reader of the ranking. `--tuning` prints the tuning pages of the
// first part only, which is all a tuning session of the seeded queries should look at.
import { loadCorpus } from './corpus.js';
import { evaluateSplit, formatSplit, loadEvalData, REPORT_HEADER } from './evaluation.js';
import { trainSemantics } from './reader-evaluation.js';
import { formatReaderFigures, measureReaderSpeed, readerFigures } from './reader-report.js';

const tuningOnly = process.argv.includes('--tuning');
const data = loadEvalData();
const splits: Array<[name: string, pages: string[]]> = [['tuning', ['a', 'b']]];
if (!tuningOnly) splits.push(['held-out', ['c']]);

const sections = [REPORT_HEADER, ...splits.map(([name, pages]) => formatSplit(evaluateSplit(data, name, pages)))];
if (!tuningOnly) {
  const corpus = loadCorpus();
  const started = performance.now();
  const semantics = trainSemantics(corpus);
  const trainedIn = performance.now() - started;
  sections.push(formatReaderFigures(readerFigures(corpus, semantics), semantics));
  const speed = measureReaderSpeed(corpus, semantics);
  sections.push(
    [
      `Cost: LSA trained on ${corpus.papers.length} papers in ${trainedIn.toFixed(0)} ms.`,
      `RankingTable over ${speed.papers} papers, per reader: ${speed.plain.toFixed(1)} µs with 3 topics and 2 keywords; ${speed.full.toFixed(1)} µs adding 2 seed papers, 1 excluded keyword, a learned model and the balanced threshold.`,
    ].join('\n'),
  );
}
process.stdout.write(`${sections.join('\n\n')}\n`);
