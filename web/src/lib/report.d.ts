// Types of spherefit/report (report.js), emitted by tsc from its JSDoc: node scripts/emit-types.mjs.
// Do not edit; edit report.js and emit again (scripts/test.sh checks that they agree).
/**
 * How many observations the fit used (slices, circles or points: its inliers).
 * @param {{ inlier: ArrayLike<number> }} result
 * @returns {number}
 */
export function usedCount(result: {
    inlier: ArrayLike<number>;
}): number;
/**
 * The core's noun for a mode's rows: { one, many } ('slice circle', 'point', 'contour circle').
 * @param {import('./spherefit.js').FitMode} mode
 * @param {import('./spherefit.js').Vocabulary} vocabulary
 * @returns {{ one: string, many: string }}
 */
export function rowNouns(mode: import("./spherefit.js").FitMode, vocabulary: import("./spherefit.js").Vocabulary): {
    one: string;
    many: string;
};
/**
 * What the observations were, in words: "40 slice circles (39 used)", "252 points (240 used)".
 * @param {import('./spherefit.js').FitResult} result
 * @param {import('./spherefit.js').Vocabulary} vocabulary
 * @returns {string}
 */
export function observationsText(result: import("./spherefit.js").FitResult, vocabulary: import("./spherefit.js").Vocabulary): string;
/**
 * Semi-axes in words, descending: "26.500 ± 0.012, 25.001 ± 0.011, 24.999 ± 0.011 mm".
 * @param {NonNullable<FitResult['ellipsoid']>} e
 * @param {string} units
 * @returns {string}
 */
export function semiAxesText(e: NonNullable<FitResult["ellipsoid"]>, units?: string): string;
/** @typedef {import('./spherefit.js').FitResult} FitResult */
/** @typedef {FitResult & { version?: string }} ReportedResult a result, with the version the worker or the CLI stamps on it */
/**
 * A result as a record for JSON (every digit; no per-observation columns).
 * @typedef {object} ResultRecord
 * @property {string} software                 "spherefit <version>"
 * @property {string} created                  when the record was made (ISO 8601)
 * @property {string | null} source            the file fitted, if any
 * @property {true} ok                         fitted (a file that failed has a failureRecord)
 * @property {string} units                    the units label
 * @property {object} options                  the options, as the caller names them
 * @property {FitResult['mode']} mode
 * @property {FitResult['fitType']} fitType
 * @property {number} observations             slices, circles or points
 * @property {number} used                     of them, used by the fit
 * @property {{ center: FitResult['center'], radius: number, diameter: number, radiusFixed: boolean, frame?: string, centerLps?: number[] }} sphere  DICOM inputs: center is RAS, centerLps the same in DICOM's LPS
 * @property {FitResult['stdErr']} standardUncertainty
 * @property {FitResult['covariance']} covariance
 * @property {FitResult['confidenceEllipsoid']} confidenceEllipsoid
 * @property {FitResult['leastSquares']} leastSquares
 * @property {number} rms
 * @property {number} maxAbsResidual
 * @property {FitResult['coverage']} coverage
 * @property {FitResult['form']} form
 * @property {FitResult['knownRadiusCheck']} knownRadiusCheck
 * @property {number} iterations
 * @property {FitResult['shape']} shape      'sphere', or the shape asked for (then ellipsoid is its fit)
 * @property {FitResult['shapeVerdict']} shapeVerdict  sphere or not (null for slice circles)
 * @property {Omit<NonNullable<FitResult['ellipsoid']>, 'residuals'> | null} ellipsoid  the best ellipsoid, or the shape asked for
 * @property {FitResult['warnings']} warnings
 * @property {{ center: FitResult['center'], radius: number, standardUncertainty: FitResult['stdErr'], rms: number, maxAbsResidual: number, form: FitResult['form'], warnings: FitResult['warnings'] }} [pointFit]  contours: the direct fit to every point
 * @property {FitResult['agreement']} [agreement]  contours: how far apart the two fits are
 * @property {FitResult['file']} [file]        point and mesh files
 * @property {{ format: string, size: number[], spacing: number[], voxelType: string, affine: number[][], affineSource: string, selection: FitResult['selection'], centerVoxel: FitResult['centerVoxel'] }} [volume]  volumes
 */
/**
 * The record of a result, for JSON: everything but the per-observation columns (those go to the
 * tables' CSV exports), with every digit.
 * @param {ReportedResult} result
 * @param {{ units?: string, options?: object, source?: string | null }} [settings]
 *   units: the units label; options: the options as the caller names them; source: the file name
 * @returns {ResultRecord}
 */
export function resultRecord(result: ReportedResult, { units, options, source }?: {
    units?: string;
    options?: object;
    source?: string | null;
}): ResultRecord;
/**
 * A summary for people: the sphere with its uncertainties, fit quality, coverage and warnings.
 * @param {ReportedResult} result
 * @param {{ vocabulary: import('./spherefit.js').Vocabulary, units?: string, name?: string }} settings
 *   vocabulary: sf.vocabulary (the words for the fit type and the rows); name: the file, as a title
 * @returns {string} lines ending in a newline
 */
export function summaryText(result: ReportedResult, { vocabulary, units, name }: {
    vocabulary: import("./spherefit.js").Vocabulary;
    units?: string;
    name?: string;
}): string;
/**
 * The name of the label a volume's fit used (its segment name, else its value), or null.
 * @param {ReportedResult} result
 * @returns {string | null}
 */
export function fittedLabel(result: ReportedResult): string | null;
/** @typedef {{ ok: false, error: { code?: string, message: string, line?: number, column?: number, offset?: number } }} ReportedFailure */
/**
 * One CSV row of values (not yet escaped: csvLine does that) per file, in the order of
 * CSV_COLUMNS: the numbers with every digit; a failure fills only file, ok, units and error.
 * @param {string} file
 * @param {ReportedResult | ReportedFailure} result
 * @param {string} [units]
 * @returns {(string | number | boolean)[]}
 */
export function csvRow(file: string, result: ReportedResult | ReportedFailure, units?: string): (string | number | boolean)[];
/**
 * One CSV cell. A text cell starting with = + - @ (or a tab or CR, which some spreadsheets skip
 * before them) would be read as a formula: a leading apostrophe makes it text (OWASP "CSV
 * injection"). Numbers stay numbers. Quoted when it holds a quote, comma or line break.
 * @param {unknown} v
 * @returns {string}
 */
export function csvField(v: unknown): string;
/** @typedef {import('./spherefit.js').SpheresResult & { version?: string }} ReportedSpheres */
/**
 * A record of several spheres for JSON: each sphere (number, label, whether it is a sphere, centre,
 * radius and their standard uncertainties, observations, RMS, form error, cap angle) and each
 * pair's distance, with every digit.
 * @param {ReportedSpheres} result
 * @param {{ units?: string, options?: object, source?: string | null }} [settings]
 */
export function spheresRecord(result: ReportedSpheres, { units, options, source }?: {
    units?: string;
    options?: object;
    source?: string | null;
}): {
    software: string;
    created: string;
    source: string | null;
    ok: boolean;
    units: string;
    options: object;
    spheres: {
        centerVoxel?: [number, number, number] | undefined;
        number: number;
        label: string | null;
        spherical: boolean;
        whyNot: string | null;
        center: [number, number, number] | null;
        radius: number | null;
        standardUncertainty: {
            center: [number, number, number];
            radius: number | null;
        } | null;
        observations: number;
        rms: number | null;
        formError: number | null;
        capAngle: number;
        error: import("./spherefit.js").SphereFitError | null;
    }[];
    distances: {
        a: number;
        b: number;
        distance: number;
        standardUncertainty: number | null;
    }[];
    allPairs: boolean;
    leftover: number;
    rejected: number;
    warnings: import("./spherefit.js").Warning[];
};
/**
 * The record of a file that could not be fitted: every file gets one, so a batch's JSON lines
 * match its files.
 * @param {ReportedFailure} failure
 * @param {{ units?: string, options?: object, source?: string | null, version?: string }} [settings]
 */
export function failureRecord(failure: ReportedFailure, { units, options, source, version }?: {
    units?: string;
    options?: object;
    source?: string | null;
    version?: string;
}): {
    software: string;
    created: string;
    source: string | null;
    ok: boolean;
    units: string;
    options: object;
    error: {
        code?: string;
        message: string;
        line?: number;
        column?: number;
        offset?: number;
    };
};
/**
 * Several spheres for people: a line per sphere (a label that is not a sphere says why), then
 * the distances between them, then the warnings.
 * @param {ReportedSpheres} result
 * @param {{ vocabulary: import('./spherefit.js').Vocabulary, units?: string, name?: string }} settings
 * @returns {string} lines ending in a newline
 */
export function spheresSummaryText(result: ReportedSpheres, { vocabulary, units, name }: {
    vocabulary: import("./spherefit.js").Vocabulary;
    units?: string;
    name?: string;
}): string;
/**
 * One CSV row per sphere, in the order of CSV_COLUMNS (file, number and label on each).
 * @param {string} file
 * @param {ReportedSpheres} result
 * @param {string} [units]
 * @returns {(string | number | boolean)[][]}
 */
export function spheresCsvRows(file: string, result: ReportedSpheres, units?: string): (string | number | boolean)[][];
export function associationName(fitType: string, vocabulary: import("./spherefit.js").Vocabulary): string;
/** The headings of csvRow's cells. */
export const CSV_COLUMNS: string[];
export function csvLine(cells: readonly unknown[]): string;
export type FitResult = import("./spherefit.js").FitResult;
/**
 * a result, with the version the worker or the CLI stamps on it
 */
export type ReportedResult = FitResult & {
    version?: string;
};
/**
 * A result as a record for JSON (every digit; no per-observation columns).
 */
export type ResultRecord = {
    /**
     * "spherefit <version>"
     */
    software: string;
    /**
     * when the record was made (ISO 8601)
     */
    created: string;
    /**
     * the file fitted, if any
     */
    source: string | null;
    /**
     * fitted (a file that failed has a failureRecord)
     */
    ok: true;
    /**
     * the units label
     */
    units: string;
    /**
     * the options, as the caller names them
     */
    options: object;
    mode: FitResult["mode"];
    fitType: FitResult["fitType"];
    /**
     * slices, circles or points
     */
    observations: number;
    /**
     * of them, used by the fit
     */
    used: number;
    /**
     * DICOM inputs: center is RAS, centerLps the same in DICOM's LPS
     */
    sphere: {
        center: FitResult["center"];
        radius: number;
        diameter: number;
        radiusFixed: boolean;
        frame?: string;
        centerLps?: number[];
    };
    standardUncertainty: FitResult["stdErr"];
    covariance: FitResult["covariance"];
    confidenceEllipsoid: FitResult["confidenceEllipsoid"];
    leastSquares: FitResult["leastSquares"];
    rms: number;
    maxAbsResidual: number;
    coverage: FitResult["coverage"];
    form: FitResult["form"];
    knownRadiusCheck: FitResult["knownRadiusCheck"];
    iterations: number;
    /**
     * 'sphere', or the shape asked for (then ellipsoid is its fit)
     */
    shape: FitResult["shape"];
    /**
     * sphere or not (null for slice circles)
     */
    shapeVerdict: FitResult["shapeVerdict"];
    /**
     * the best ellipsoid, or the shape asked for
     */
    ellipsoid: Omit<NonNullable<FitResult["ellipsoid"]>, "residuals"> | null;
    warnings: FitResult["warnings"];
    /**
     * contours: the direct fit to every point
     */
    pointFit?: {
        center: FitResult["center"];
        radius: number;
        standardUncertainty: FitResult["stdErr"];
        rms: number;
        maxAbsResidual: number;
        form: FitResult["form"];
        warnings: FitResult["warnings"];
    } | undefined;
    /**
     * contours: how far apart the two fits are
     */
    agreement?: FitResult["agreement"];
    /**
     * point and mesh files
     */
    file?: FitResult["file"];
    /**
     * volumes
     */
    volume?: {
        format: string;
        size: number[];
        spacing: number[];
        voxelType: string;
        affine: number[][];
        affineSource: string;
        selection: FitResult["selection"];
        centerVoxel: FitResult["centerVoxel"];
    } | undefined;
};
export type ReportedFailure = {
    ok: false;
    error: {
        code?: string;
        message: string;
        line?: number;
        column?: number;
        offset?: number;
    };
};
export type ReportedSpheres = import("./spherefit.js").SpheresResult & {
    version?: string;
};
