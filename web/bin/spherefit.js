#!/usr/bin/env node
// spherefit on the command line: the page's fit for files in a shell, one result per file.
//
//   spherefit fit FILE… [options] [--json | --csv]      ('-' reads standard input)
//   spherefit fit DIR [--series UID|N]                   (a DICOM folder; several DICOM files given are one series)
//
// Every input the page reads: tables of circles or points, point clouds and meshes (PLY, STL,
// OBJ), volumes (NIfTI, NRRD), also gzip-compressed. Exit status: 0 every file fitted, 1 some file
// failed (each failure on standard error with its file and place), 2 a usage error.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { groupInputs } from './inputs.js';
import { loadSphereFit } from '../src/lib/spherefit.js';
import { summaryText, resultRecord, csvRow, csvLine, CSV_COLUMNS } from '../src/lib/report.js';

// The flags are the core's option names in kebab case (vocabulary.options and .selection:
// fitType → --fit-type); this text describes them in words.
const help = (vocabulary) => `Usage: spherefit fit FILE... [options]

Fits the sphere behind each file: slice circles, points, slice contours, point clouds and
meshes (.ply .stl .obj), segmentations and CT volumes (.nii .nii.gz .nrrd .seg.nrrd
.mha .mhd), and DICOM: a folder (or several .dcm files) is one series, an RT structure
set one sphere per ROI. '-' reads standard input.

Options:
  --fit-type TYPE     least-squares (default), minimum-zone, minimum-circumscribed,
                      maximum-inscribed
  --robust            set outlier slices or clutter points aside
  --radius R          a known radius: fit the centre only
  --min-radius R      robust fits: consider no sphere smaller than R
  --max-radius R      robust fits: consider no sphere larger than R
  --max-iterations N  the iteration limit (${rangeOf(vocabulary.options, 'maxIterations')}; default ${defaultOf(vocabulary.options, 'maxIterations')})
  --weights W         uniform (default), circumference or column (the w column)
  --mode M            auto (default), circles or points
  --label N           volumes: the label to contour (default: the largest)
  --threshold T       volumes: the grey value to contour at (default: ISO-50)
  --axis A            volumes: the voxel axis the slices are stacked along: i, j or k (default k)
  --series S          DICOM: the series to fit, by its number in the list or its
                      SeriesInstanceUID (default: the largest image series)
  --units U           a label for lengths in the output, such as mm (never converts)
  --json              one JSON record per file per line (the page's export format)
  --csv               one CSV row per file, after a header
  -h, --help          this text
  -v, --version       the version

Exit status: 0 every file fitted, 1 some file failed, 2 a usage error.
`;

class UsageError extends Error {}

const specOf = (specs, name) => specs.find((spec) => spec.name === name);
const rangeOf = (specs, name) => `${specOf(specs, name).min} to ${specOf(specs, name).max}`;
const defaultOf = (specs, name) => specOf(specs, name).default;
const kebab = (name) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const AXES = ['i', 'j', 'k'];

// Every option and selection flag, from the core's vocabulary: '--fit-type' → { spec, into: 'options' }.
function flagTable(vocabulary) {
  const table = new Map();
  for (const spec of vocabulary.options) table.set(`--${kebab(spec.name)}`, { spec, into: 'options' });
  for (const spec of vocabulary.selection) table.set(`--${kebab(spec.name)}`, { spec, into: 'selection' });
  return table;
}

// A flag's value as the core takes it: text as typed (the core reads lengths and numbers from
// text and says what is wrong), whole numbers for counts; an axis also by its letter.
function valueOf(flag, spec, text) {
  if (spec.kind === 'count') {
    if (spec.name === 'axis') {
      const axis = AXES.includes(text) ? AXES.indexOf(text) : /^\d$/.test(text) ? Number(text) : -1;
      if (axis < spec.min || axis > spec.max) throw new UsageError(`${flag} is ${AXES.slice(0, -1).join(', ')} or ${AXES.at(-1)}.`);
      return axis;
    }
    return /^[+-]?\d+$/.test(text.trim()) ? Number(text) : text;
  }
  if (spec.kind === 'number' && text.trim() === '') throw new UsageError(`${flag} needs a number.`);
  return text;
}

function parseArguments(argv, flags) {
  const args = { files: [], options: {}, selection: {}, output: 'text' };
  let command = null;
  for (let k = 0; k < argv.length; ++k) {
    const arg = argv[k];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, null];
    const value = () => {
      if (inline !== null) return inline;
      if (k + 1 >= argv.length) throw new UsageError(`${flag} needs a value.`);
      return argv[++k];
    };
    const option = flags.get(flag);
    if (flag === '-h' || flag === '--help') return { help: true };
    if (flag === '-v' || flag === '--version') return { version: true };
    if (flag === '--series') {
      args.series = value();
    } else if (flag === '--json' || flag === '--csv') {
      if (args.output !== 'text') throw new UsageError('Give --json or --csv, not both.');
      args.output = flag.slice(2);
    } else if (option?.spec.kind === 'flag') {
      args[option.into][option.spec.name] = true;
    } else if (option) {
      args[option.into][option.spec.name] = valueOf(flag, option.spec, value());
    } else if (flag.startsWith('-') && flag !== '-') {
      throw new UsageError(`Unknown option ${flag}; see spherefit --help.`);
    } else if (command === null) {
      command = arg;
      if (command !== 'fit') throw new UsageError(`Unknown command '${command}'; the command is fit (see spherefit --help).`);
    } else {
      args.files.push(arg);
    }
  }
  if (command === null) throw new UsageError('No command given; try: spherefit fit FILE');
  if (args.files.length === 0) throw new UsageError('No file given; name one or more files, or - for standard input.');
  if (args.files.filter((f) => f === '-').length > 1) throw new UsageError('Standard input (-) can be read once.');
  return args;
}

async function readInput(file) {
  if (file !== '-') return new Uint8Array(await readFile(file));
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

// "ball.csv:4:7: InvalidNumber: …" or "scan.ply: byte 1 048 692: TruncatedFile: …".
function describeFailure(file, error) {
  const where = error.line ? `:${error.line}:${error.column}` : '';
  const offset = error.offset >= 0 && !error.line ? ` byte ${error.offset}:` : '';
  const notes = (error.notes ?? []).map((n) => `\n  note: ${n}`).join('');
  return `${file}${where}:${offset} ${error.code}: ${error.message}${notes}`;
}

async function main(argv) {
  const sf = await loadSphereFit();
  let args;
  try {
    args = parseArguments(argv, flagTable(sf.vocabulary));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`spherefit: ${err.message}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(help(sf.vocabulary));
    return 0;
  }
  if (args.version) {
    process.stdout.write(`spherefit ${sf.version}\n`);
    return 0;
  }
  // Option values are checked before any file is read, by the core (the one place that knows
  // them): a bad one is a usage error, not a failure of every file.
  const checked = sf.checkOptions(args.options, args.selection);
  if (!checked.ok) {
    process.stderr.write(`spherefit: ${checked.error.message}\n`);
    return 2;
  }
  const units = args.options.units ?? '';
  // A folder, and DICOM files given together, are one input (a series); so is a header with its data file.
  args.files = await groupInputs(args.files, (head, name) => sf.sniff(head, name));
  const progress = process.stderr.isTTY && (args.files.length > 1);
  let failed = 0;
  if (args.output === 'csv') process.stdout.write(`${CSV_COLUMNS.join(',')}\n`);
  for (const [n, input] of args.files.entries()) {
    const file = typeof input === 'string' ? input : input.name;
    const name = file === '-' ? 'stdin' : file;
    if (progress) process.stderr.write(`\r\x1b[K[${n + 1}/${args.files.length}] ${basename(name)}`);
    let result;
    try {
      const bytes = typeof input === 'string' ? await readInput(file) : null;
      const onProgress = process.stderr.isTTY ? (loaded, total) => {
        process.stderr.write(`\r\x1b[K${basename(name)}: reading ${(loaded / 1e6).toFixed(0)} of ${(total / 1e6).toFixed(0)} MB`);
      } : undefined;
      const settings = { selection: args.selection, onProgress, series: args.series };
      result = bytes ? await sf.fitFile(bytes, file === '-' ? '' : basename(file), args.options, settings)
        : await sf.fitFiles(await Promise.all(input.paths.map(async (p) => ({ name: p, bytes: new Uint8Array(await readFile(p)) }))), args.options, settings);
    } catch (err) {
      if (err.code !== 'ENOENT' && err.code !== 'EISDIR' && err.code !== 'EACCES') throw err;
      if (progress) process.stderr.write('\r\x1b[K');
      const why = `cannot be read (${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'a folder' : 'permission denied'})`;
      process.stderr.write(`${name}: ${why}.\n`);
      failed += 1;
      failedSoFar = true;
      if (args.output === 'csv') process.stdout.write(`${csvLine(csvRow(name, { ok: false, error: { message: why } }, units))}\n`);
      continue;
    }
    if (progress || process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    if (result.volume) sf.releaseVolume(result.volume);
    result.version = sf.version;  // the record's `software`, as the page's worker sets it
    if (!result.ok) {
      failed += 1;
      failedSoFar = true;
      process.stderr.write(`${describeFailure(name, result.error)}\n`);
    }
    if (args.output === 'csv') process.stdout.write(`${csvLine(csvRow(name, result, units))}\n`);
    else if (!result.ok) continue;
    else if (args.output === 'json') {
      const options = { ...args.options, ...(Object.keys(args.selection).length ? { volume: args.selection } : {}) };
      process.stdout.write(`${JSON.stringify(resultRecord(result, { units, options, source: name }))}\n`);
    } else {
      process.stdout.write(`${summaryText(result, { vocabulary: sf.vocabulary, units, name })}${n + 1 < args.files.length ? '\n' : ''}`);
    }
  }
  return failed > 0 ? 1 : 0;
}

// A reader that stops early (`spherefit fit *.csv | head`) closes the pipe: stop quietly, as
// shell tools do, with the status of the files fitted so far.
let failedSoFar = false;
process.stdout.on('error', (err) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(failedSoFar ? 1 : 0);
});

process.exitCode = await main(process.argv.slice(2));
