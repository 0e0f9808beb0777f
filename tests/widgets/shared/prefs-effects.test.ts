/**
 * What each setting does in the widgets: the code panel's tabs (first tab, keyboard, kept across a
 * refill), the players' first speed (reduced motion wins), the largest picture side (whole pictures
 * and regions reduced to it, the note saying so, output limits still checked), formulas and code hidden.
 */
import { Component } from 'obsidian';
import { App } from '../../../harness/obsidian';
import { convFit, parseConvBlock } from '../../../src/blocks/parse-conv';
import { widgetDeps } from '../../../src/blocks/widget-deps';
import { t } from '../../../src/i18n';
import { ConvWidget } from '../../../src/widgets/conv/conv-widget';
import { fillCodePanel, renderCodePanel } from '../../../src/widgets/shared/code-panel';
import { fixedPrefs, type WidgetPrefs } from '../../../src/widgets/shared/prefs';
import { initialRate, ROW_SPEEDS, SPEEDS, StepPlayer } from '../../../src/widgets/shared/step-player';
import { downscaleNote, resolveImage, imageDeps } from '../../../src/vault/image';
import { asApp, decodeTestPng, encodePng, rgbaOf } from '../../vault/png';

const CODE = { pytorch: 'y = F.conv2d(x, w)', keras: 'y = layers.Conv2D(1, 3)(x)', notes: [] };

function panel(first?: 'pytorch' | 'keras') {
	const owner = new Component();
	owner.load();
	const parent = document.body.createDiv();
	const body = renderCodePanel(owner, parent, CODE, first);
	const tabs = (): HTMLButtonElement[] => Array.from(body.querySelectorAll<HTMLButtonElement>('[data-action="code-tab"]'));
	const shown = (): string => Array.from(body.querySelectorAll<HTMLElement>('[role="tabpanel"]')).filter((p) => !p.hidden).map((p) => p.textContent ?? '').join('|');
	return { owner, body, tabs, shown };
}

describe('code panel tabs', () => {
	it('PyTorch first and shown by default; both tabs are buttons with role=tab, one aria-selected', () => {
		const { tabs, shown } = panel();
		expect(tabs().map((b) => [b.getAttribute('data-tab'), b.getAttribute('role'), b.getAttribute('aria-selected'), b.textContent])).toEqual([
			['pytorch', 'tab', 'true', 'PyTorch'],
			['keras', 'tab', 'false', 'Keras'],
		]);
		expect(shown()).toBe(CODE.pytorch);
		// Each panel can take the focus (Tab from the tab list reaches the code, as the ARIA tabs pattern asks).
		const { body } = panel();
		expect(Array.from(body.querySelectorAll('[role="tabpanel"]'), (p) => p.getAttribute('tabindex'))).toEqual(['0', '0']);
	});

	it('codeTab keras: Keras leads and is shown; clicking PyTorch switches', () => {
		const { tabs, shown } = panel('keras');
		expect(tabs().map((b) => b.getAttribute('data-tab'))).toEqual(['keras', 'pytorch']);
		expect(shown()).toBe(CODE.keras);
		tabs()[1]?.click();
		expect(shown()).toBe(CODE.pytorch);
		expect(tabs().map((b) => b.getAttribute('aria-selected'))).toEqual(['false', 'true']);
	});

	it('arrow keys move between tabs (roving tabindex); a refill keeps the tab shown', () => {
		const { body, tabs, shown, owner } = panel();
		tabs()[0]?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
		expect(shown()).toBe(CODE.keras);
		expect(tabs().map((b) => b.tabIndex)).toEqual([-1, 0]);
		fillCodePanel(body, { ...CODE, keras: 'changed' });
		expect(shown()).toBe('changed');
		owner.unload();
		// Unloaded: the listeners are gone.
		tabs()[0]?.click();
		expect(shown()).toBe('changed');
	});
});

describe('initialRate: the players start at the settings speed', () => {
	it.each(SPEEDS.map((s) => [s]))('cells at %px: that times 1.25 steps per second', (speed) => {
		expect(initialRate('cells', speed, false)).toBe(speed * 1.25);
	});
	it('rows: 1x is 5 rows per second, other speeds the nearest row speed', () => {
		expect([0.5, 1, 2, 4, 16, 64].map((s) => initialRate('rows', s, false))).toEqual([2, 5, 10, 20, 50, 50]);
		for (const s of SPEEDS) expect(ROW_SPEEDS).toContain(initialRate('rows', s, false));
	});
	it('reduced motion wins: 0.5x and 1 row per second, whatever the setting', () => {
		for (const s of SPEEDS) {
			expect(initialRate('cells', s, true)).toBe(0.625);
			expect(initialRate('rows', s, true)).toBe(1);
		}
	});
	it('the speed menu shows the setting', () => {
		const owner = new Component();
		owner.load();
		const player = new StepPlayer(owner, document.body.createDiv(), 9, () => undefined, { speed: 16 });
		expect(player.el.querySelector<HTMLSelectElement>('[data-action="speed"]')?.value).toBe('20');
		const rows = new StepPlayer(owner, document.body.createDiv(), 9, () => undefined, { speed: 2, unit: 'rows' });
		expect(rows.el.querySelector<HTMLSelectElement>('[data-action="speed"]')?.value).toBe('10');
		owner.unload();
	});
});

/** A W x H gray picture. */
const picture = (w: number, h: number): ArrayBuffer => encodePng(w, h, rgbaOf(w, h, (x, y) => [(x * 5 + y) % 256, (x * 5 + y) % 256, (x * 5 + y) % 256, 255]));

const flush = async (): Promise<void> => {
	for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

/** A conv widget on `slide.png` (w x h) with these settings, mounted as the processor would. */
async function convOnPicture(w: number, h: number, source: string, prefs: Partial<WidgetPrefs>): Promise<HTMLElement> {
	const app = new App();
	app.vault.seed('slide.png', picture(w, h));
	const el = document.body.createDiv();
	const section = new Component();
	section.load();
	const deps = { ...widgetDeps(asApp(app), 'note.md', { decode: decodeTestPng, prefs: fixedPrefs(prefs) }), reducedMotion: false };
	const parsed = parseConvBlock(`image: "[[slide.png]]"\n${source}`);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	section.addChild(new ConvWidget(el, parsed.value, deps, convFit(parsed.value)));
	await flush();
	return el;
}

const notes = (el: HTMLElement): string => Array.from(el.querySelectorAll('.cnn-note'), (n) => n.textContent).join('\n');
const inputShape = (el: HTMLElement): string => el.querySelector('.cnn-stage-shape')?.textContent ?? '';

describe('largest picture side', () => {
	it('resolveImage reduces to opts.maxSide and downscaleNote names that side', async () => {
		const app = new App();
		app.vault.seed('p.png', picture(600, 300));
		const r = await resolveImage(imageDeps(asApp(app), decodeTestPng), 'p.png', 'note.md', { maxSide: 128 });
		if (!r.ok) throw new Error('expected an image');
		expect(r.value.tensor.shape).toEqual([64, 128, 1]);
		const note = downscaleNote(r.value, 128);
		expect(note && t(note.code, note.vars)).toBe('The image is 300x600 pixels (height x width); it is shown reduced to 64x128 (at most 128 pixels per side, the “Largest picture side” setting).');
	});

	it('a 300x280 picture: reduced to 128 with the setting at 128, whole with 512 (no note)', async () => {
		const small = await convOnPicture(300, 280, 'kernel: sobel-x\n', { maxPictureSide: 128 });
		expect(small.getAttribute('data-state')).toBe('ready');
		expect(inputShape(small)).toBe('119x128x1');
		expect(notes(small)).toContain('at most 128 pixels per side');
		const large = await convOnPicture(300, 280, 'kernel: sobel-x\n', { maxPictureSide: 512 });
		expect(inputShape(large)).toBe('280x300x1');
		expect(notes(large)).not.toContain('reduced');
	});

	it('a region larger than the setting is reduced to it and says so; a smaller one stays at full resolution', async () => {
		const big = await convOnPicture(600, 500, 'kernel: sobel-x\nregion: [0, 0, 400, 300]\n', { maxPictureSide: 200 });
		expect(inputShape(big)).toBe('200x150x1');
		expect(notes(big)).toContain('The region is 400x300 pixels (height x width); it is shown reduced to 200x150 (at most 200 pixels per side');
		const fits = await convOnPicture(600, 500, 'kernel: sobel-x\nregion: [0, 0, 400, 300]\n', { maxPictureSide: 512 });
		expect(inputShape(fits)).toBe('400x300x1');
		expect(notes(fits)).not.toContain('reduced');
	});

	it('at 512 px, padding full renders (514 <= 544); an output still too large (stride-2 transpose, 1025) is an error naming the setting, and at 256 px it renders', async () => {
		const full = await convOnPicture(512, 64, 'kernel: box-blur\npadding: full\n', { maxPictureSide: 512 });
		expect(full.getAttribute('data-state')).toBe('ready');
		const over = await convOnPicture(512, 64, 'kernel: box-blur\ntranspose: true\nstride: 2\n', { maxPictureSide: 512 });
		expect(over.getAttribute('data-state')).toBe('error');
		expect(over.textContent).toContain('at most 544x544 can be shown from a picture');
		expect(over.textContent).toContain('a smaller “Largest picture side” in the settings');
		const under = await convOnPicture(512, 64, 'kernel: box-blur\ntranspose: true\nstride: 2\n', { maxPictureSide: 256 });
		expect(under.getAttribute('data-state')).toBe('ready');
	});
});

describe('formulas and code hidden by the settings', () => {
	it('showFormulas and showCode off: neither is rendered; the player still is', async () => {
		const el = await convOnPicture(40, 30, 'kernel: sobel-x\n', { showFormulas: false, showCode: false });
		expect(el.getAttribute('data-state')).toBe('ready');
		expect(el.querySelector('.cnn-formula')).toBeNull();
		expect(el.querySelector('.cnn-code')).toBeNull();
		expect(el.querySelector('.cnn-player')).not.toBeNull();
	});
});
