// The page's fit options, read from the core's vocabulary (vocabulary.options: each option's
// name, kind, limits and default), never spelled here: the options the page offers are those with
// a control in the page (data-testid "option-<name in kebab case>": fitType → option-fit-type),
// their defaults are the core's (a text field's own value in the page, such as the units label
// "mm", stands for the core's "not given"), and the worker, the share link and the exports carry
// exactly these. DOM-free apart from looking the controls up; Node tests it with a stand-in root.

export const kebab = (name) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
export const controlId = (name) => `option-${kebab(name)}`;

// The specs of the options the page has a control for, in the core's order.
export function pageOptionSpecs(vocabulary, root) {
  return vocabulary.options.filter((spec) => root.querySelector(`[data-testid="${controlId(spec.name)}"]`));
}

// An option's value as the page holds it: choices and text as strings, flags as booleans, lengths
// and numbers as typed ('' when not given: the core reads the text).
export function pageDefault(spec, control) {
  if (spec.kind === 'flag') return Boolean(spec.default);
  if (spec.kind === 'choice') return spec.default;
  const own = control?.defaultValue ?? '';
  return spec.default === null || spec.default === undefined ? own : String(spec.default);
}

export function defaultOptions(specs, root) {
  return Object.fromEntries(specs.map((spec) => [spec.name, pageDefault(spec, root.querySelector(`[data-testid="${controlId(spec.name)}"]`))]));
}

// The options the worker (and a share link) carries: the page's, by name.
export const pickOptions = (specs, options) => Object.fromEntries(specs.map((spec) => [spec.name, options[spec.name]]));

// Whether two sets of options fit differently. The units are a label, but the core's messages
// carry it ("the known radius 12.5 mm …"), so a new label is a refit too: no message keeps the old one.
export const fitChanged = (specs, a, b) => specs.some((spec) => a[spec.name] !== b[spec.name]);
