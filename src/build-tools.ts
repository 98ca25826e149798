// What the build script needs from the sources: a second bundle entry, never loaded by the CLI.
export { checkRubricText } from './rubric/load-rubric.js';
export { formatProblem } from './errors.js';
export { jsonSchemas } from './json-schema.js';
