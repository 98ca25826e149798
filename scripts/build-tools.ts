// What the build script needs from the sources: bundled apart from the CLI, never shipped in dist/.
export { checkRubricText } from '../src/rubric/load.js';
export { formatProblem } from '../src/problems/user-error.js';
export { jsonSchemas } from './json-schema.js';
