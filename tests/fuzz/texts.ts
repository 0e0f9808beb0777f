/**
 * What a person reads in a block, checked without knowing the wording: every message line of an
 * error box (and every kernel-editor message) must be one of the active language's templates from
 * src/i18n with its `{vars}` filled in, and must not be an internal message (core op names, JS
 * engine errors, JSON parser errors, tfjs internals) shown as the explanation.
 */
import { catalogFor, format } from '../../src/i18n';

/** The languages the plugin ships. */
export type Language = 'en' | 'es';

const CATALOGS: Record<Language, Record<string, string>> = { en: catalogFor('en'), es: catalogFor('es') };

/** Messages that show whatever was thrown as the explanation (`{message}`): the last net, not an explanation. */
const NET_VARS = ['message'];

/** Internal messages: op-prefixed core errors, JavaScript engine errors, parser and tfjs internals. */
export const INTERNAL_PATTERNS: readonly RegExp[] = [
	/\b(conv2d|conv2dTranspose|pool2d|globalPool|activate|tensor|toArray|convOutputSize|explainConv|explainPool|computeConv|computePool)\s*:/,
	/\bexplain(Conv|Pool)\b/,
	/Cannot (read|set) propert(y|ies)/i,
	/\bis not (a function|iterable|defined|a constructor)\b/,
	/Invalid regular expression/,
	/Maximum call stack/,
	/Invalid (array|string|typed array) length/,
	/out of memory/i,
	/Unexpected (token|end of JSON|non-whitespace)/,
	/in JSON at position|is not valid JSON/,
	/\b(TypeError|RangeError|SyntaxError|ReferenceError|EvalError|URIError|DOMException)\b/,
	/\[object \w+\]/,
	/\bat \S+ \(.*:\d+:\d+\)/,
	/Classifier: used after dispose|no TensorFlow\.js backend/,
	/Error when checking|Based on the provided shape|Unknown layer:|tf\.\w+\(/,
	/\b(undefined|null) \(reading\b/,
];

/** English words that give away an English detail inside a Spanish message (a `{reason}` from a library). */
const ENGLISH_DETAIL = /\b(the|is|of|not|must|expected|cannot|could|unexpected|bad|end|missing|should|found|while|invalid)\b/i;

/** Text with quoted user values (“…”, «…», "…") removed: a value a student wrote is not an internal message. */
export function withoutQuotes(text: string): string {
	return text.replace(/“[^”]*”|«[^»]*»|"[^"]*"/g, '""');
}

/** The internal pattern a text shows (outside quoted values), or null. */
export function internalIn(text: string): RegExp | null {
	const bare = withoutQuotes(text);
	return INTERNAL_PATTERNS.find((p) => p.test(bare)) ?? null;
}

/** A template split at its `{var}` placeholders: the literal parts and the variable names between them. */
interface Template {
	key: string;
	parts: string[];
	vars: string[];
}

/** A variable of a template: `{name}`, `{Name}`, `{name|one|other}` (a plural choice) or `{term:id|name}` (a term in the singular or plural). */
const VARIABLE = /\{(\w+)(?:\|[^{}|]*\|[^{}|]*)?\}|\{(?:term|terms|Term|Terms):\w+\|(\w+)\}/;

function compile(key: string, template: string, language: Language): Template {
	const parts: string[] = [];
	const vars: string[] = [];
	// Glossary terms without a count are fixed text: resolve them; the rest are wildcards.
	let rest = template.replace(/\{(?:term|terms|Term|Terms):\w+\}/g, (whole) => format(whole, {}, language));
	for (let m = VARIABLE.exec(rest); m !== null; m = VARIABLE.exec(rest)) {
		parts.push(rest.slice(0, m.index));
		vars.push((m[1] ?? m[2] ?? '').toLowerCase());
		rest = rest.slice(m.index + m[0].length);
	}
	parts.push(rest);
	return { key, parts, vars };
}

const compiled = new Map<Language, Template[]>();

/** The templates of a language that say something by themselves (at least 4 literal characters), most specific first. */
function templates(language: Language): Template[] {
	let list = compiled.get(language);
	if (!list) {
		list = Object.entries(CATALOGS[language])
			.map(([key, text]) => compile(key, text, language))
			.filter((tpl) => tpl.parts.join('').trim().length >= 4)
			.sort((a, b) => b.parts.join('').length - a.parts.join('').length);
		compiled.set(language, list);
	}
	return list;
}

/**
 * Matches text against a template with `*` wildcards for its vars (leftmost literal matches, in time
 * linear in the text); returns the vars' values, or null when the text is not this template.
 */
function match(text: string, tpl: Template): Record<string, string> | null {
	const { parts, vars } = tpl;
	const first = parts[0] ?? '';
	const last = parts[parts.length - 1] ?? '';
	if (!text.startsWith(first)) return null;
	if (parts.length === 1) return text === first ? {} : null;
	if (!text.endsWith(last) || text.length < first.length + last.length) return null;
	const end = text.length - last.length;
	const values: Record<string, string> = {};
	let at = first.length;
	for (let i = 1; i < parts.length - 1; i++) {
		const part = parts[i] ?? '';
		const found = text.indexOf(part, at);
		if (found < 0 || found + part.length > end) return null;
		values[vars[i - 1] ?? ''] = text.slice(at, found);
		at = found + part.length;
	}
	values[vars[vars.length - 1] ?? ''] = text.slice(at, end);
	return values;
}

/** How a message line reads: the template it is (key and vars), or null when it is none of the language's. */
export function templateOf(text: string, language: Language): { key: string; vars: Record<string, string> } | null {
	const trimmed = text.trim();
	for (const tpl of templates(language)) {
		const vars = match(trimmed, tpl);
		if (vars) return { key: tpl.key, vars };
	}
	return null;
}

/** A problem with what a person reads: its class and a short description. */
export interface TextProblem {
	kind: 'raw' | 'net' | 'foreignDetail';
	text: string;
}

/** Longest message line checked whole; longer lines are checked on their first and last halves of it. */
const CHECKED_CHARS = 20_000;

/** Checks one message line: a template of the active language, not the last net, no internal message. */
export function checkMessage(line: string, language: Language): TextProblem[] {
	const text = line.length > CHECKED_CHARS ? line.slice(0, CHECKED_CHARS / 2) + line.slice(-CHECKED_CHARS / 2) : line;
	const problems: TextProblem[] = [];
	const found = templateOf(text, language);
	if (!found) return [{ kind: 'raw', text: `not a ${language} message: ${text}` }];
	if (NET_VARS.some((v) => v in found.vars)) {
		problems.push({ kind: 'net', text });
		problems.push({ kind: 'raw', text: `internal message as the explanation (${found.key}): ${text}` });
		return problems;
	}
	const internal = internalIn(text);
	if (internal) problems.push({ kind: 'raw', text: `internal message (${String(internal)}): ${text}` });
	if (language !== 'en') {
		const detail = Object.entries(found.vars).find(([name, value]) => (name === 'reason' || name === 'message') && ENGLISH_DETAIL.test(withoutQuotes(value)));
		if (detail) problems.push({ kind: 'foreignDetail', text: `${found.key}.{${detail[0]}} in English: ${detail[1]}` });
	}
	return problems;
}

/** The message lines of the error boxes inside el: each line's own message, without its place and hints. */
export function errorLines(el: HTMLElement): string[] {
	const lines: string[] = [];
	el.querySelectorAll<HTMLElement>('.cnn-notes-error').forEach((box) => {
		const title = box.querySelector('.cnn-notes-error-title')?.textContent;
		if (title) lines.push(title);
		box.querySelectorAll('li').forEach((li) => {
			for (const child of Array.from(li.children)) {
				if (child.matches('.cnn-notes-error-where, .cnn-notes-error-hint, .cnn-notes-error-doc, details, .cnn-notes-error-detail')) continue;
				const text = child.textContent ?? '';
				if (text.trim() !== '') lines.push(text);
			}
		});
	});
	return lines;
}

/** Every text problem of the block: its error boxes' lines and its kernel editors' messages. */
export function textProblems(el: HTMLElement, language: Language): TextProblem[] {
	const lines = errorLines(el);
	el.querySelectorAll('.cnn-kernel-message').forEach((m) => {
		if ((m.textContent ?? '').trim() !== '') lines.push(m.textContent ?? '');
	});
	return lines.flatMap((line) => checkMessage(line, language));
}
