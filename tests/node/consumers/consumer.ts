// A TypeScript program against the installed package's types, checked with tsc --strict.
import { loadSphereFit, type FitOptions, type Result, type ErrorCode } from 'spherefit';
import { summaryText, csvRow, csvLine, CSV_COLUMNS, type ResultRecord, resultRecord } from 'spherefit/report';

const sf = await loadSphereFit();
const options: FitOptions = { fitType: 'minimum-zone', robust: false, units: 'mm' };
const h = [-3, -1, 0, 2, 4];
const result: Result = sf.fit({ x: h.map(() => 1), y: h.map(() => 2), z: h.map((z) => 3 + z), r: h.map((z) => Math.sqrt(25 - z * z)) }, options);
if (result.ok) {
  const radius: number = result.radius;
  const zone: number = result.form.error;
  const reference = result.leastSquares?.radius ?? radius;
  // The report module, typed: a summary in the core's words, a record, a CSV line.
  const summary: string = summaryText(result, { vocabulary: sf.vocabulary, units: 'mm' });
  const record: ResultRecord = resultRecord(result, { units: 'mm' });
  const line: string = csvLine(csvRow('ball', result, 'mm'));
  console.log(JSON.stringify({ ok: true, radius, zone, reference, fitType: result.fitType, summary: summary.split('\n')[0], used: record.used, cells: line.split(',').length, columns: CSV_COLUMNS.length }));
} else {
  const code: ErrorCode = result.error.code;
  console.log(JSON.stringify({ ok: false, code }));
}
const points = sf.fitPoints({ x: [1, 0, 0, -1, 0], y: [0, 1, 0, 0, 0], z: [0, 0, 1, 0, -1] });
if (!points.ok) throw new Error(points.error.message);
const kind = sf.sniff(new Uint8Array([0x1f, 0x8b]), 'scan.nii.gz');
console.log(JSON.stringify({ points: points.mode, kind, codes: sf.vocabulary.errorCodes.length }));
