// The command modules as the build found them in commands/, for a bundled entry point: the bundle
// (src/scripts/bundle.ts) replaces this module with one that imports every file of the folder.
// Unbundled — the sources under tsx, the per-module build — there is no such list (null) and
// load.ts reads the folder itself. Either way the list comes from the folder, never from a hand.
export const BUILT_COMMANDS: ReadonlyArray<readonly [file: string, module: { default?: unknown }]> | null = null;
