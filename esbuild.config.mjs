// `node esbuild.config.mjs production` builds main.js once (npm run build); without an argument it
// rebuilds on every change (npm run dev). The options live in esbuild.options.mjs.
import esbuild from "esbuild";
import process from "process";
import { pluginBuildOptions } from "./esbuild.options.mjs";

const prod = process.argv[2] === "production";

const context = await esbuild.context(pluginBuildOptions(prod));

if (prod) {
	await context.rebuild();
	process.exit(0);
} else {
	await context.watch();
}
