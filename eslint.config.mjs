// ESLint: Obsidian's recommended rules (with typescript-eslint's type-checked rules) on the plugin;
// the test, preview and script infrastructure keeps the TypeScript rules but may use Node and the raw DOM.
import { defineConfig, globalIgnores } from "eslint/config";
import obsidianmd from "eslint-plugin-obsidianmd";
import globals from "globals";
import tseslint from "typescript-eslint";

// Layers (DESIGN.md): imports point downwards only. Each folder's list holds every rule that applies
// to it, since a later config object replaces the rule's options rather than adding to them.
const noTestDoubles = { regex: "(^|/)(harness|preview)(/|$)", message: "src/ never imports the test double (harness/) or the preview." };
const noTfjs = { regex: "^@tensorflow/", allowTypeImports: true, message: "Only src/model/engine (the model worker) imports tfjs: the main thread must not parse it." };
const noEngine = { regex: "(^|/)engine(/|$)", allowTypeImports: true, message: "The page never imports the model engine's code (it runs in the worker): types only." };
const noUpward = { regex: "^(\\.\\./)+(blocks|widgets)(/|$)", message: "src/vault, src/model and src/i18n never import blocks or widgets." };
const cnnAlone = [
	{ regex: "^\\.\\./", message: "src/cnn is pure maths: it imports nothing outside itself." },
	{ regex: "^[^.]", message: "src/cnn is pure maths: no packages (no obsidian, no tfjs, no DOM helpers)." },
];
const restrict = (...patterns) => ({ "@typescript-eslint/no-restricted-imports": ["error", { patterns }] });
// no-restricted-imports sees only static imports: the same layers for import(...) expressions.
const dynamicTfjs = { selector: "ImportExpression[source.value=/^@tensorflow\\//]", message: noTfjs.message };
const dynamicEngine = { selector: "ImportExpression[source.value=/(^|\\/)engine(\\/|$)/]", message: noEngine.message };
const dynamicOutsideCnn = { selector: "ImportExpression[source.value=/^(\\.\\.\\/|[^.])/]", message: cnnAlone[0].message };
const dynamicUpward = { selector: "ImportExpression[source.value=/^(\\.\\.\\/)+(blocks|widgets)(\\/|$)/]", message: noUpward.message };
const restrictDynamic = (...rules) => ({ "no-restricted-syntax": ["error", ...rules] });

export default defineConfig([
	globalIgnores(["node_modules/", "main.js", "output/", "coverage/", "examples/vault/*/plugins/", "preview/dist/", "**/*.min.js"]),
	...obsidianmd.configs.recommended,
	{
		languageOptions: {
			globals: { ...globals.browser },
			parserOptions: {
				projectService: {
					allowDefaultProject: ["eslint.config.mjs", "esbuild.config.mjs", "esbuild.options.mjs", "version-bump.mjs", "jest.config.cjs", "tests/esbuild-transform.cjs"],
				},
				tsconfigRootDir: import.meta.dirname,
			},
		},
	},
	{ files: ["src/**/*.ts"], rules: { ...restrict(noTestDoubles, noTfjs, noEngine), ...restrictDynamic(dynamicTfjs, dynamicEngine) } },
	{ files: ["src/vault/**/*.ts", "src/i18n/**/*.ts"], rules: { ...restrict(noTestDoubles, noTfjs, noEngine, noUpward), ...restrictDynamic(dynamicTfjs, dynamicEngine, dynamicUpward) } },
	{ files: ["src/model/**/*.ts"], rules: { ...restrict(noTestDoubles, noTfjs, noEngine, noUpward), ...restrictDynamic(dynamicTfjs, dynamicEngine, dynamicUpward) } },
	// The model worker's code: tfjs and the engine, and what it shares with the page (protocol, artifacts, result, clip).
	{ files: ["src/model/engine/**/*.ts"], rules: { ...restrict(noTestDoubles, noUpward), ...restrictDynamic(dynamicUpward) } },
	{ files: ["src/cnn/**/*.ts"], rules: { ...restrict(...cnnAlone), ...restrictDynamic(dynamicOutsideCnn) } },
	{
		// builtin-modules is the sample plugin's externals list; js-yaml is what Obsidian's parseYaml uses (the fake mirrors it).
		files: ["package.json"],
		rules: { "depend/ban-dependencies": ["error", { allowed: ["builtin-modules", "js-yaml"] }] },
	},
	{
		files: ["tests/**", "harness/**", "scripts/**", "e2e/**", "preview/**", "bench/**", "*.mjs", "*.cjs", "tests/*.cjs"],
		languageOptions: { globals: { ...globals.node, ...globals.jest } },
		rules: {
			"obsidianmd/prefer-create-el": "off",
			"obsidianmd/no-nodejs-modules": "off",
			"obsidianmd/prefer-active-doc": "off",
			"obsidianmd/prefer-window-timers": "off",
			"obsidianmd/prefer-instanceof": "off",
			"obsidianmd/no-global-this": "off",
			"obsidianmd/ui/sentence-case": "off",
			"obsidianmd/no-static-styles-assignment": "off",
			"obsidianmd/prefer-file-manager-trash-file": "off",
			"import/no-nodejs-modules": "off",
			"no-console": "off",
			"@typescript-eslint/no-require-imports": "off",
			"@typescript-eslint/unbound-method": "off",
			"no-restricted-globals": "off",
			"obsidianmd/hardcoded-config-path": "off",
		},
	},
	{
		// The Node scripts of the preview, the end-to-end tests and the image tooling are plain
		// JavaScript outside the TypeScript project: linted without type information.
		files: ["scripts/**/*.mjs", "e2e/**/*.mjs", "preview/**/*.mjs", "bench/**/*.mjs"],
		extends: [tseslint.configs.disableTypeChecked],
		languageOptions: { parserOptions: { projectService: false } },
		rules: { "obsidianmd/rule-custom-message": "off" },
	},
]);
