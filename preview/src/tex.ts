/**
 * A very small TeX typesetter for the preview, so formulas read like formulas: fractions, sub- and
 * superscripts, Greek letters and common symbols. The harness's renderMath keeps the TeX source
 * (tests read it); the preview typesets those elements for people. Unknown commands show their
 * name. Preview infrastructure, not part of the plugin.
 */

const SYMBOLS: Record<string, string> = {
	alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', eta: 'η', theta: 'θ',
	lambda: 'λ', mu: 'μ', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', omega: 'ω',
	Delta: 'Δ', Sigma: 'Σ', Omega: 'Ω', Phi: 'Φ',
	cdot: '·', times: '×', div: '÷', pm: '±', le: '≤', leq: '≤', ge: '≥', geq: '≥', ne: '≠', neq: '≠',
	approx: '≈', infty: '∞', to: '→', rightarrow: '→', leftarrow: '←', in: '∈', partial: '∂', nabla: '∇',
	sum: '∑', prod: '∏', int: '∫', dots: '…', ldots: '…', cdots: '⋯', lfloor: '⌊', rfloor: '⌋',
	lceil: '⌈', rceil: '⌉', langle: '⟨', rangle: '⟩', circledast: '⊛', ast: '∗', star: '⋆',
	',': '\u2009', ';': '\u2005', ':': '\u2005', '!': '', quad: '\u2003', qquad: '\u2003\u2003', ' ': ' ',
	'{': '{', '}': '}', '%': '%', _: '_', '#': '#', '&': '&', '\\': ' ',
};
const FUNCTIONS = new Set(['max', 'min', 'exp', 'log', 'ln', 'sin', 'cos', 'tan', 'tanh', 'arg', 'sup', 'inf', 'lim']);
const TEXT_COMMANDS = new Set(['mathrm', 'text', 'operatorname', 'textrm', 'mathbf', 'textbf']);
const OPERATORS: Record<string, string> = { '+': ' + ', '-': ' − ', '=': ' = ', '<': ' < ', '>': ' > ' };

function tokenize(tex: string): string[] {
	return tex.match(/\\[a-zA-Z]+|\\.|[{}^_]|\s+|./g) ?? [];
}

class Typesetter {
	private pos = 0;
	constructor(private tokens: string[]) {}

	/** Appends atoms to `parent` until a closing brace or the end. */
	sequence(parent: HTMLElement): void {
		while (this.pos < this.tokens.length && this.tokens[this.pos] !== '}') {
			const tok = this.tokens[this.pos]!;
			if (tok === '^' || tok === '_') {
				this.pos++;
				this.atom(parent.createEl(tok === '^' ? 'sup' : 'sub'));
			} else {
				this.atom(parent);
			}
		}
	}

	/** Appends one atom (a token, a group, or a command with its arguments) to `parent`. */
	atom(parent: HTMLElement): void {
		const tok = this.tokens[this.pos++];
		if (tok === undefined) return;
		if (tok === '{') {
			this.sequence(parent.createSpan());
			this.pos++; // the closing brace
		} else if (/^\s+$/.test(tok)) {
			// TeX ignores spaces in math
		} else if (tok.startsWith('\\')) {
			this.command(parent, tok.slice(1));
		} else if (/[a-zA-Z]/.test(tok)) {
			parent.createEl('i', { text: tok });
		} else {
			const compact = parent.closest('sub, sup') !== null;
			parent.appendText(compact ? (tok === '-' ? '−' : tok) : (OPERATORS[tok] ?? tok));
		}
	}

	private command(parent: HTMLElement, name: string): void {
		if (name === 'frac' || name === 'dfrac' || name === 'tfrac') {
			const frac = parent.createSpan({ cls: 'tex-frac' });
			this.atom(frac.createSpan({ cls: 'tex-num' }));
			this.atom(frac.createSpan({ cls: 'tex-den' }));
		} else if (name === 'sqrt') {
			parent.appendText('√');
			this.atom(parent.createSpan({ cls: 'tex-sqrt' }));
		} else if (name === 'left' || name === 'right' || name === 'big' || name === 'Big' || name === 'bigl' || name === 'bigr') {
			const delim = this.tokens[this.pos++] ?? '.';
			if (delim !== '.') parent.createSpan({ cls: 'tex-delim', text: delim.startsWith('\\') ? (SYMBOLS[delim.slice(1)] ?? delim.slice(1)) : delim });
		} else if (TEXT_COMMANDS.has(name)) {
			const start = this.pos;
			this.atom(parent.createSpan({ cls: 'tex-text' }));
			if (name === 'text' || name === 'textrm') {
				// keep the text's own spaces
				const raw = this.tokens.slice(start + 1, this.pos - 1).join('');
				(parent.lastElementChild as HTMLElement).setText(raw);
			}
		} else if (FUNCTIONS.has(name)) {
			parent.createSpan({ cls: 'tex-text', text: name });
		} else if (name in SYMBOLS) {
			const s = SYMBOLS[name]!;
			parent.appendText(name === 'cdot' || name === 'times' || name === 'le' || name === 'ge' || name === 'approx' || name === 'to' || name === 'in' ? ` ${s} ` : s);
		} else {
			parent.createSpan({ cls: 'tex-unknown', text: name });
		}
	}
}

/** Replaces the text of every `.math[data-tex]` element under `root` by its typeset form. */
export function typesetMath(root: HTMLElement): void {
	for (const el of Array.from(root.querySelectorAll<HTMLElement>('.math[data-tex]'))) {
		if (el.dataset.typeset === 'true') continue;
		const body = createSpan({ cls: 'tex' });
		try {
			new Typesetter(tokenize(el.dataset.tex ?? '')).sequence(body);
		} catch {
			continue; // leave the source visible
		}
		el.replaceChildren(body);
		el.dataset.typeset = 'true';
	}
}
