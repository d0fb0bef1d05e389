// Where the built-in intent files live, inside the package's rules/ folder.
import { join } from 'node:path'
import { rulesDir } from '../data/paths.js'

export { packageRoot, profilesDir, rulesDir, schemaDir } from '../data/paths.js'
export const builtinIntentsDir = join(rulesDir, 'intents')
