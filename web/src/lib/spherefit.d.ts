// Types of the spherefit library (web/src/spherefit.js), written by hand: Debian's Emscripten
// cannot emit them. The string unions are the core's names (sf.vocabulary has the same lists; a
// test checks they agree).

export type ErrorCode =
  | 'EmptyInput' | 'InvalidNumber' | 'WrongFieldCount' | 'MissingColumn' | 'DuplicateColumn'
  | 'MixedSeparators' | 'BinaryInput' | 'UnknownFormat' | 'InvalidFile' | 'TruncatedFile'
  | 'UnsupportedFile' | 'MissingTag' | 'DuplicateSlices' | 'CodecFailed' | 'NonFiniteValue' | 'NegativeRadius' | 'ZeroNormal' | 'InconsistentContour'
  | 'InvalidWeights' | 'InvalidOption' | 'InvalidColumns' | 'TooFewSlices' | 'AllSlicesCoplanar'
  | 'TooFewPoints' | 'PointsCoplanar' | 'PointsCollinear' | 'Underdetermined' | 'MirrorAmbiguity'
  | 'InscribedUnbounded' | 'LabelNotFound' | 'EmptyMask' | 'NoClosedContours' | 'NoSphereFound' | 'GreyValues'
  | 'NoMaterialPeak' | 'NumericalFailure';

export type WarningCode =
  | 'UnknownColumn' | 'PointCountMismatch' | 'WeightColumnIgnored' | 'RadiusColumnIgnored'
  | 'ExactlyDetermined' | 'CovarianceOverflow' | 'NotConverged' | 'CapOnly'
  | 'RadiusPoorlyDetermined' | 'Outliers' | 'SetAside' | 'KnownRadiusContradicts' | 'Clutter'
  | 'ContoursLeftOut' | 'ZoneNotUnique' | 'VolumeGeometry' | 'FirstVolumeOnly' | 'TrailingData'
  | 'IncompleteFile' | 'ExtensionMismatch' | 'PointsSkipped' | 'SensorViewpoint' | 'SeveralMaterials'
  | 'NonFiniteVoxels' | 'UnitsDiffer' | 'ReadAsPoints'
  | 'SeveralSpheres' | 'UncertaintyUndetermined' | 'ShapePoorlyDetermined' | 'AxesUndefined' | 'NotSphere'
  | 'SkippedFile' | 'MissingSlices' | 'ContoursSkipped' | 'DefaultRescale' | 'OverlappingSegments';

export type WeightMode = 'uniform' | 'circumference' | 'column';
export type InputMode = 'auto' | 'circles' | 'points';
export type FitType = 'least-squares' | 'minimum-zone' | 'minimum-circumscribed' | 'maximum-inscribed';
export type FitMode = 'circles' | 'points' | 'contours';
export type FileKind = 'empty' | 'gzip' | 'volume' | 'point-file' | 'laz' | 'dicom' | 'text' | 'unknown';
export type PointFileFormat =
  | 'ply-ascii' | 'ply-binary-little-endian' | 'ply-binary-big-endian' | 'stl-ascii' | 'stl-binary' | 'obj'
  | 'las' | 'pcd-ascii' | 'pcd-binary' | 'pcd-binary-compressed';
export type SliceStatus = 'Kept' | 'Empty' | 'TouchesEdge' | 'SeveralPieces' | 'Hole';

/** A number, or a number as typed in a form field ('23,6' reads as 23.6); empty text or null: not given. */
export type Length = number | string | null;

export interface FitOptions {
  weights?: WeightMode;
  mode?: InputMode;
  fitType?: FitType;
  robust?: boolean;
  /** A known radius: fit the centre only. */
  radius?: Length;
  /** Robust fits: no candidate sphere smaller than this. */
  minRadius?: Length;
  /** Robust fits: no candidate sphere larger than this. */
  maxRadius?: Length;
  /** A label for lengths in messages (at most vocabulary.maxUnitsLength characters); never converts. */
  units?: string;
  /** 1 to 10 000; default 100. */
  maxIterations?: number;
  /** 'one' (default): one sphere for the dataset; 'all': every sphere (a SpheresResult). */
  spheres?: SphereCount;
  /** Several spheres: every pair's distance, nearest neighbours, or (auto) all pairs up to 30 spheres. */
  distances?: DistancePairs;
  /** Several spheres: the least half-angle (degrees, 10–180; default 60) of cap a sphere's points must cover. */
  minCapAngle?: number;
  /**
   * Points, contours, volumes: 'sphere' (default; the best ellipsoid is still fitted, to judge the
   * shape), or 'spheroid' / 'ellipsoid': that shape fitted to every point (result.ellipsoid).
   */
  shape?: Shape;
  /** The shape verdict's tolerance on the semi-axes' spread, in the data's units; default 0.1 % of R. */
  shapeTolerance?: Length;
}

export type Shape = 'sphere' | 'spheroid' | 'ellipsoid';
export type ShapeCall = 'sphere' | 'not-sphere';

/** Is it a sphere? The least-squares sphere against the best ellipsoid of the same points (docs/ellipsoid.md §5). */
export interface ShapeVerdict {
  /** 'not-sphere' when the departure is significant (3 standard uncertainties) and beyond the tolerance. */
  value: ShapeCall;
  /** In words: the semi-axes with uncertainties, the flattening, the systematic residual. */
  sentence: string;
  /** Not a sphere: what the sphere's uncertainty covers (the noise, not the shape error). */
  sphereNote: string | null;
  /** a_max − a_min of the best ellipsoid, its standard uncertainty and the tolerance it had to exceed. */
  difference: number;
  differenceStdErr: number;
  tolerance: number;
  /** The departure's significance as a two-sided normal deviate, its p-value, the χ² (or Hotelling) statistic. */
  sigmas: number;
  pValue: number;
  chiSquare: number;
  degreesOfFreedom: number;
  significant: boolean;
  beyondTolerance: boolean;
  /** (a_max − a_min) / a_max. */
  flattening: number;
  /** Peak to valley of the part of the sphere's residuals the ellipsoid explains. */
  systematicResidual: number;
  /** About the smallest spread these data could call significant (0 without an uncertainty). */
  detectable: number;
}

/** A fitted ellipsoid or spheroid: the verdict's (on a sample of at most 20 000 points) or the shape asked for. */
export interface Ellipsoid {
  shape: Shape;
  center: Vector3;
  /** Descending, in the data's units. */
  semiAxes: Vector3;
  /** Unit directions: axes[k] goes with semiAxes[k]. */
  axes: [Vector3, Vector3, Vector3];
  /** Standard uncertainties; axes: each axis's tilt in radians, null where undefined (equal semi-axes). */
  stdErr: { center: Vector3; semiAxes: Vector3; axes: [number | null, number | null, number | null] } | null;
  /** Slice contours: the uncertainty treats each slice as a cluster. */
  clustered: boolean;
  rms: number;
  maxAbsResidual: number;
  pointsFitted: number;
  /** 1: every point; k: points 0, k, 2k, … were fitted. */
  stride: number;
  iterations: number;
  converged: boolean;
  /** Combinations of parameters the data determine poorly (a cap), with their standard uncertainty. */
  poorlyDetermined: { description: string; stdErr: number; inflation: number }[];
  /** Signed orthogonal distance of each fitted point (point k·stride), in full results only. */
  residuals?: Float64Array;
}

export type SphereCount = 'one' | 'all';
export type DistancePairs = 'auto' | 'all' | 'nearest';

/** One of several spheres. center/radius/stdErr are null when the label or object could not be fitted (see error). */
export interface SphereEntry {
  /** 1-based, as the page's sphere list numbers them. */
  number: number;
  /** The label value, segment, ROI or object name; null for a sphere found in a point cloud. */
  label: string | null;
  /** false: a label, ROI or object whose surface is not a sphere (whyNot says why): never shown as one. */
  spherical: boolean;
  whyNot: string | null;
  center: [number, number, number] | null;
  radius: number | null;
  stdErr: { center: [number, number, number]; radius: number | null } | null;
  /** Observations used. */
  count: number;
  rms: number | null;
  formError: number | null;
  /** Half-angle (degrees) of the smallest cap holding the data: 180 all round. */
  capAngle: number;
  error: SphereFitError | null;
  /** For points: which of the input's points are this sphere's. */
  members?: Uint32Array;
  /** The sphere's full result, as a one-sphere fit of its own observations gives it. */
  result: FitResult | null;
  labelValue?: number;
  centerVoxel?: [number, number, number];
  /** DICOM inputs: the centre in DICOM's LPS patient frame (center is RAS). */
  centerLps?: Vector3 | null;
}

/** The centre-to-centre distance of spheres a and b (1-based), with its standard uncertainty uᵀ(Σa + Σb)u (independent fits). */
export interface SphereDistance {
  a: number;
  b: number;
  distance: number;
  stdErr: number | null;
}

/** What a fit with { spheres: 'all' } returns. */
export interface SpheresResult {
  ok: true;
  spheres: SphereEntry[];
  distances: SphereDistance[];
  /** false: nearest neighbours only (more than 30 spheres, or asked). */
  allPairs: boolean;
  /** Observations on no sphere (clutter, a plate, stems). */
  leftover: number;
  /** Candidate surfaces rejected as not spherical. */
  rejected: number;
  warnings: Warning[];
  /** Volumes: how the volume was read (as a one-sphere result's volume), and the selection used. */
  volume?: VolumeDescription;
  selection?: { label?: number; threshold?: number; axis: number };
}

/** Where a failure points: line and column of text, a byte offset of a file, a slice or a point. */
export interface SphereFitError {
  code: ErrorCode;
  message: string;
  line?: number;
  column?: number;
  offset?: number;
  slice?: number;
  point?: number;
  /** The reader's warnings that explain the failure. */
  notes?: string[];
}

export interface Failure {
  ok: false;
  error: SphereFitError;
  /** fitFile with keepVolume: the volume read, whose fit failed (release it when done). */
  volume?: VolumeDescription;
}

export interface Warning {
  code: WarningCode;
  message: string;
}

type Numbers = ArrayLike<number>;
export type Vector3 = [number, number, number];

/** Slice circles: centre x, y, z, radius r, optional plane normal, optional weight; one length. */
export interface SliceColumns {
  x: Numbers;
  y: Numbers;
  z: Numbers;
  r: Numbers;
  nx?: Numbers;
  ny?: Numbers;
  nz?: Numbers;
  w?: Numbers;
}

/** Points; with slice ids (integers or text) they are slice contours. */
export interface PointColumns {
  x: Numbers;
  y: Numbers;
  z: Numbers;
  slice?: ArrayLike<number> | string[];
}

/** How a column was typed: the most decimals seen, and whether any value used an exponent (−1: not text). */
export interface ColumnFormat {
  decimals: number;
  exponent: boolean;
}

export interface SliceTable {
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  r: Float64Array;
  nx?: Float64Array;
  ny?: Float64Array;
  nz?: Float64Array;
  w?: Float64Array;
  /** The text line each slice came from (0 when not from text). */
  line: Int32Array;
  /** Each slice plane's in-plane basis, 3 numbers per slice. */
  u: Float64Array;
  v: Float64Array;
  format: Record<'x' | 'y' | 'z' | 'r' | 'nx' | 'ny' | 'nz' | 'w', ColumnFormat>;
  /** Contour fits: each derived circle's own RMS, point count, contour id and name. */
  rms?: Float64Array;
  count?: Int32Array;
  contour?: Int32Array;
  name?: string[];
}

export interface PointTable {
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  slice?: Int32Array;
  sliceNames?: string[];
  line?: Int32Array;
  format: Record<'x' | 'y' | 'z', ColumnFormat>;
}

export interface StandardUncertainty {
  center: Vector3;
  /** null with a known radius. */
  radius: number | null;
}

export interface ConfidenceEllipsoid {
  level: number;
  /** Ascending, in the data's units. */
  semiAxes: Vector3;
  /** Unit directions of the semi-axes. */
  axes: [Vector3, Vector3, Vector3];
}

export interface Coverage {
  minLatitude: number;
  maxLatitude: number;
  areaFraction: number;
  capOnly: boolean;
}

export interface Contact {
  /** The point, or the slice whose circle it lies on. */
  index: number;
  side: 'outer' | 'inner';
  point: Vector3;
  multiplier: number;
}

export interface Form {
  /** Outer − inner radius, in the data's units. */
  error: number;
  innerRadius: number;
  outerRadius: number;
  contacts: Contact[];
  maxViolation: number;
  optimalityGap: number;
  unique: boolean;
}

export interface FitSummary {
  ok: true;
  mode: FitMode;
  fitType: FitType;
  center: Vector3;
  radius: number;
  radiusFixed: boolean;
  /** null when the data cannot estimate it (and for the form fits: see leastSquares). */
  stdErr: StandardUncertainty | null;
  covariance: number[][] | null;
  confidenceEllipsoid: ConfidenceEllipsoid | null;
  rms: number;
  maxAbsResidual: number;
  iterations: number;
  coverage: Coverage;
  form: Form;
  knownRadiusCheck: { freeRadius: number; freeStdErr: number | null; z: number | null } | null;
  leastSquares: { center: Vector3; radius: number; stdErr: StandardUncertainty | null } | null;
  /** 'sphere', or the shape options.shape asked for (then ellipsoid is that shape's fit of every point). */
  shape: Shape;
  /** Points, contours and volumes: sphere or not; null for slice circles. */
  shapeVerdict: ShapeVerdict | null;
  ellipsoid: Ellipsoid | null;
  warnings: Warning[];
}

export interface VolumeDescription {
  id: number;
  format: 'NIfTI-1' | 'NIfTI-2' | 'NRRD' | 'MetaImage' | 'DICOM';
  size: Vector3;
  fileDims: number[];
  voxelType: 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';
  bigEndian: boolean;
  scaled: boolean;
  sclSlope: number;
  sclInter: number;
  /** Voxel (i, j, k, 1) → RAS millimetres, as rows. */
  affine: number[][];
  affineSource: 'sform' | 'qform' | 'pixdim' | 'space directions' | 'spacings' | 'identity' | 'transform matrix' | 'slice positions';
  space: string;
  spacing: Vector3;
  segments: { id: string; name: string; labelValue: number; layer: number }[];
  labelmap: boolean;
  labels: { value: number; count: number; name: string }[];
  defaultLabel: number | null;
  iso50: { threshold: number; background: number; material: number; peaks: { value: number; height: number; prominence: number }[] } | null;
  warnings: Warning[];
  /** A DICOM series (fitFiles): what it is; its directions in DICOM's LPS. */
  dicom?: SeriesSummary & { rowDirection: Vector3; columnDirection: Vector3; frame: 'LPS'; warnings: Warning[] };
}

export interface FitResult extends FitSummary {
  /** Per observation: signed distance from the sphere (+ outside), and whether it was used. */
  residuals: Float64Array;
  inlier: Uint8Array;
  /** Circles and contours: each circle's in-plane offset from the axis and height above the centre. */
  offsets?: Float64Array;
  heights?: Float64Array;
  /** What was read (fitText, fitPointFile, fitFile, contour fits). */
  slices?: SliceTable;
  points?: PointTable;
  /** Contours: each point's distance from the sphere, the direct point fit and how far apart. */
  pointResiduals?: Float64Array;
  pointFit?: FitSummary;
  agreement?: { centerDistance: number; radiusDifference: number };
  /** Point and mesh files. */
  file?: { format: PointFileFormat; verticesRead: number; duplicatesMerged: number; faces: number };
  /** Volumes. */
  volume?: VolumeDescription;
  selection?: { label?: number; threshold?: number; axis: number };
  volumeSlices?: { index: Int32Array; status: Int32Array; contour: Int32Array; pointCount: Int32Array };
  centerVoxel?: Vector3;
  /** Volumes with several labels: how each label fits a sphere (one-sphere mode chose among them). */
  labelFits?: { label: string; spherical: boolean; whyNot: string | null; radius: number; rms: number; count: number }[];
  /** fitFiles of DICOM: the frame of center (RAS mm), and the centre in DICOM's LPS patient frame. */
  frame?: 'RAS';
  centerLps?: Vector3;
  /** fitFiles of an RT structure set, one sphere: the ROI fitted (by name). */
  roi?: string | null;
  /** fitFiles: what the files hold, and the number of the one fitted. */
  series?: SeriesSummary[];
  seriesChosen?: number;
}

/** A DICOM image series, structure set or segmentation among files (fitFiles, listSeries). */
export interface SeriesSummary {
  number: number;
  id: string;
  seriesInstanceUID: string;
  kind: 'image' | 'rtstruct' | 'seg' | 'segment' | 'labelmap';
  ok: boolean;
  modality: string;
  description: string;
  seriesNumber: number | null;
  slices: number;
  size: [number, number, number] | null;
  pixelSpacing?: [number, number] | null;
  spacing?: { median: number; min: number; max: number; uniform: boolean } | null;
  tiltDegrees?: number;
  rois?: string[];
  segments?: string[];
  error?: { code: string; message: string } | null;
}

/** A file for fitFiles: a File (with its name) or its name and bytes. */
export type NamedFile = File | { name: string; bytes: Uint8Array };

export type Result = FitResult | Failure;
/** Options asking for every sphere. */
export type AllSpheres = FitOptions & { spheres: 'all' };
export type SpheresOutcome = SpheresResult | Failure;

export type ParseResult =
  | { ok: true; mode: 'circles'; slices: SliceTable; warnings: Warning[] }
  | { ok: true; mode: 'points'; points: PointTable; warnings: Warning[] }
  | Failure;

export interface VolumeSelection {
  label?: Length;
  threshold?: Length;
  /** The voxel axis the slices are stacked along: 0, 1, 2 (i, j, k); default 2. */
  axis?: 0 | 1 | 2;
}

export interface SlicePreview {
  ok: true;
  width: number;
  height: number;
  axisU: number;
  axisV: number;
  stride: number;
  spacingU: number;
  spacingV: number;
  /** Row-major 8-bit grey. */
  pixels: Uint8Array;
  /** u, v pairs in pixels. */
  contour: Float64Array;
  circle: Float64Array;
}

export type FileSource = Blob | Uint8Array | ArrayBuffer;
export type ProgressCallback = (loaded: number, total: number) => void;

/** The names of FitOptions, in the core's order (vocabulary.options; a test checks they agree). */
export type OptionName =
  | 'weights' | 'mode' | 'fitType' | 'robust' | 'radius' | 'minRadius' | 'maxRadius' | 'units' | 'maxIterations'
  | 'spheres' | 'distances' | 'minCapAngle' | 'shape' | 'shapeTolerance';
/** The names of VolumeSelection (vocabulary.selection). */
export type SelectionName = 'label' | 'threshold' | 'axis';

/** The lists of names a choice option takes its values from. */
export type ChoiceList = 'weightModes' | 'inputModes' | 'fitTypes' | 'sphereCounts' | 'distancePairs' | 'shapes';

/**
 * One option as the core declares it: its name (the CLI's flag is its kebab-case form), what
 * messages call it, the kind of value and its limits, and its default (null: not given).
 *   choice  one of vocabulary[choices]           flag   true or false
 *   length  a positive length, number or text     number any finite number, number or text
 *   count   a whole number in [min, max]          text   at most maxLength characters
 */
export type OptionSpec<Name extends string = OptionName> = { readonly name: Name; readonly what: string } & (
  | { readonly kind: 'choice'; readonly choices: ChoiceList; readonly default: string }
  | { readonly kind: 'flag'; readonly default: boolean }
  | { readonly kind: 'length' | 'number'; readonly default: number | null }
  | { readonly kind: 'count'; readonly min: number; readonly max: number; readonly default: number | null }
  | { readonly kind: 'text'; readonly maxLength: number; readonly default: string | null }
);

/** A fit type in words (ISO 14405-1, ISO 1101): a control's label, the standard's name, what its form error is, a summary's title. */
export interface FitTypeWords {
  readonly label: string;
  readonly iso: string;
  readonly form: string;
  readonly title: string;
}

export interface Vocabulary {
  errorCodes: readonly ErrorCode[];
  warningCodes: readonly WarningCode[];
  weightModes: readonly WeightMode[];
  inputModes: readonly InputMode[];
  fitTypes: readonly FitType[];
  sphereCounts: readonly SphereCount[];
  distancePairs: readonly DistancePairs[];
  shapes: readonly Shape[];
  shapeCalls: readonly ShapeCall[];
  fitModes: readonly FitMode[];
  fileKinds: readonly FileKind[];
  pointFileFormats: readonly PointFileFormat[];
  sliceStatuses: readonly SliceStatus[];
  maxUnitsLength: number;
  /** Every fit option, in the core's order. */
  options: readonly OptionSpec[];
  /** A volume's selection. */
  selection: readonly OptionSpec<SelectionName>[];
  fitTypeWords: Readonly<Record<FitType, FitTypeWords>>;
  /** Each mode's rows in words: { circles: { one: 'slice circle', many: 'slice circles' }, … }. */
  nouns: Readonly<Record<FitMode, { readonly one: string; readonly many: string }>>;
  /** How each mode's standard uncertainties are computed ("classical s²(JᵀJ)⁻¹, independent point noise"). */
  uncertaintyMethod: Readonly<Record<FitMode, string>>;
}

export interface SphereFit {
  parse(text: string, options?: FitOptions): ParseResult;
  fit(slices: SliceColumns, options: AllSpheres): SpheresOutcome;
  fit(slices: SliceColumns, options?: FitOptions): Result;
  fitPoints(points: PointColumns, options: AllSpheres): SpheresOutcome;
  fitPoints(points: PointColumns, options?: FitOptions): Result;
  fitText(text: string, options: AllSpheres, fileName?: string): SpheresOutcome;
  fitText(text: string, options?: FitOptions, fileName?: string): Result;
  fitPointFile(bytes: Uint8Array | ArrayBuffer, fileName: string, options: AllSpheres): SpheresOutcome;
  fitPointFile(bytes: Uint8Array | ArrayBuffer, fileName: string, options?: FitOptions): Result;
  readVolume(source: FileSource, fileName: string, settings?: { onProgress?: ProgressCallback }): Promise<{ ok: true; volume: VolumeDescription } | Failure>;
  fitVolume(volume: VolumeDescription, selection: VolumeSelection | undefined, options: AllSpheres): SpheresOutcome;
  fitVolume(volume: VolumeDescription, selection?: VolumeSelection, options?: FitOptions): Result;
  /** A slice of the volume with its contours; with `sphere` (a 1-based number of a spheres: 'all' fit), that sphere's label only. */
  previewSlice(volume: VolumeDescription, axis: 0 | 1 | 2, index: number, sphere?: number): SlicePreview | Failure;
  releaseVolume(volume: VolumeDescription): void;
  fitFile(source: FileSource, fileName: string, options: AllSpheres, settings?: { selection?: VolumeSelection; onProgress?: ProgressCallback; keepVolume?: boolean; series?: string | number }): Promise<SpheresOutcome>;
  fitFile(source: FileSource, fileName: string, options?: FitOptions, settings?: { selection?: VolumeSelection; onProgress?: ProgressCallback; keepVolume?: boolean; series?: string | number }): Promise<Result>;
  /**
   * Several files as one dataset: a DICOM series (the largest image series, or `series`: its number
   * or SeriesInstanceUID), an RT structure set (one sphere per ROI; selection.label an ROI name), a
   * SEG (a labelmap), or a .mhd/.nhdr header with its data file.
   */
  fitFiles(files: NamedFile[], options?: FitOptions, settings?: { series?: string | number; selection?: VolumeSelection | { label?: string }; onProgress?: ProgressCallback; keepVolume?: boolean }): Promise<Result & { series?: SeriesSummary[]; seriesChosen?: number }>;
  /** What several files hold: their DICOM series, structure sets and segmentations. */
  listSeries(files: NamedFile[]): Promise<{ ok: true; series: SeriesSummary[]; warnings: Warning[] } | Failure>;
  sniff(head: Uint8Array | ArrayBuffer, fileName?: string): FileKind;
  /** Options (and a volume selection) checked as a fit checks them, without any data. */
  checkOptions(options?: FitOptions, selection?: VolumeSelection): { ok: true } | Failure;
  readonly vocabulary: Vocabulary;
  readonly version: string;
}

/** wasmBinary: the module's bytes; module: the module already compiled (only instantiated then). */
export function loadSphereFit(overrides?: { wasmBinary?: ArrayBuffer | Uint8Array; module?: WebAssembly.Module }): Promise<SphereFit>;
