#!/usr/bin/env node
// spherefit on the command line: the page's fit for files in a shell, one result per file.
//
//   spherefit fit FILE… [options] [--json | --csv]      ('-' reads standard input)
//   spherefit fit DIR [--series UID|N]                   (a DICOM folder; several DICOM files given are one series)
//
// Every input the page reads: tables of circles or points, point clouds and meshes (PLY, STL,
// OBJ), volumes (NIfTI, NRRD), also gzip-compressed. Exit status: 0 every file fitted, 1 some file
// failed (each failure on standard error with its file and place), 2 a usage error.
import { basename } from 'node:path';
import { availableParallelism } from 'node:os';
import { groupInputs } from './inputs.js';
import { loadSphereFit } from '../src/lib/spherefit.js';
import { CSV_COLUMNS } from '../src/lib/report.js';
import { runBatch } from './batch.js';
import { printable } from './terminal-text.js';

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
  --spheres S         one (default): one sphere; all: every sphere in the data (a ball
                      plate, sphere targets, beads, labels), with the distances between them
  --distances D       with --spheres all: auto (every pair up to 30 spheres, else nearest
                      neighbours), all or nearest
  --min-cap-angle A   with --spheres all: the least half-angle of cap (${rangeOf(vocabulary.options, 'minCapAngle')} degrees;
                      default ${defaultOf(vocabulary.options, 'minCapAngle')}) a sphere's points must cover
  --max-iterations N  the iteration limit (${rangeOf(vocabulary.options, 'maxIterations')}; default ${defaultOf(vocabulary.options, 'maxIterations')})
  --weights W         uniform (default), circumference or column (the w column)
  --mode M            auto (default), circles or points
  --shape S           ${vocabulary.shapes.join(', ')}: sphere (default) also judges whether the
                      points are a sphere (against their best ellipsoid); spheroid or
                      ellipsoid fits that shape to every point (points, contours, volumes)
  --shape-tolerance T the least spread of semi-axes called not a sphere (default 0.1 % of R)
  --label N           volumes: the label to contour (default: the most sphere-like)
  --threshold T       volumes: the grey value to contour at (default: ISO-50)
  --axis A            volumes: the voxel axis the slices are stacked along: i, j or k (default k)
  --series S          DICOM: the series to fit, by its number in the list or its
                      SeriesInstanceUID (default: the largest image series)
  --units U           a label for lengths in the output, such as mm (never converts)
  --jobs N            fit N files at a time on worker threads (default: the cores, ${availableParallelism()}
                      here); each file's output is printed whole as it finishes
  --ordered           print in the order the files were given (later ones wait)
  --json              one JSON record per file per line (the page's export format; a
                      file that failed gets a record with ok false and its error)
  --csv               one CSV row per file (per sphere with --spheres all), after a header
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
    if (flag === '--jobs') {
      const n = value();
      if (!/^\d+$/.test(n) || Number(n) < 1 || Number(n) > 256) throw new UsageError('--jobs is a whole number of worker threads, 1 to 256.');
      args.jobs = Number(n);
    } else if (flag === '--ordered') {
      args.ordered = true;
    } else if (flag === '--series') {
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

async function main(argv) {
  const sf = await loadSphereFit();
  let args;
  try {
    args = parseArguments(argv, flagTable(sf.vocabulary));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`spherefit: ${printable(err.message)}\n`);
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
    process.stderr.write(`spherefit: ${printable(checked.error.message)}\n`);
    return 2;
  }
  // A folder, and DICOM files given together, are one input (a series); so is a header with its data file.
  args.files = await groupInputs(args.files, (head, name) => sf.sniff(head, name));
  const inputName = (input) => (typeof input === 'string' ? input : input.name);
  const progress = process.stderr.isTTY;
  const total = args.files.length;
  let failed = 0;
  let written = 0;
  if (args.output === 'csv') process.stdout.write(`${CSV_COLUMNS.join(',')}\n`);
  await runBatch(args.files, {
    args,
    sf,
    jobs: args.jobs ?? availableParallelism(),
    ordered: args.ordered,
    onStart(index) {
      if (progress && total > 1 && (args.jobs ?? 1) <= 1) process.stderr.write(`\r\x1b[K[${index + 1}/${total}] ${printable(basename(inputName(args.files[index])))}`);
    },
    onOutput(output, index, done) {
      if (progress) process.stderr.write('\r\x1b[K');
      if (output.failed) {
        failed += 1;
        failedSoFar = true;
      }
      process.stderr.write(output.stderr);
      // Summaries are separated by a blank line; records and rows are lines already.
      if (output.stdout) process.stdout.write(`${args.output === 'text' && written > 0 ? '\n' : ''}${output.stdout}`);
      if (output.stdout) written += 1;
      if (progress && total > 1 && done < total) process.stderr.write(`[${done}/${total} done]`);
    },
  });
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
