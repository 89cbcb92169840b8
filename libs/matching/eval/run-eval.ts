// `npm run eval:matching`: precision and recall of the topic queries and of
// keyword matching, on the tuning pages (a+b) and the held-out page (c).
// `--tuning` prints the tuning pages only, which is all a tuning session should look at.
import { evaluateSplit, formatSplit, loadEvalData, REPORT_HEADER } from './evaluation.js';

const data = loadEvalData();
const splits: Array<[name: string, pages: string[]]> = [['tuning', ['a', 'b']]];
if (!process.argv.includes('--tuning')) splits.push(['held-out', ['c']]);

const sections = [REPORT_HEADER, ...splits.map(([name, pages]) => formatSplit(evaluateSplit(data, name, pages)))];
process.stdout.write(`${sections.join('\n\n')}\n`);
