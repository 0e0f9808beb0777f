import { spawnSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const ROOT = join(__dirname, '..');

/** Runs scripts/check-install.mjs from a copy of the repo's package.json in a temp folder. */
function runIn(setup: (dir: string) => void): { status: number | null; stdout: string; stderr: string } {
	const dir = mkdtempSync(join(tmpdir(), 'cnn-notes-check-install-'));
	try {
		mkdirSync(join(dir, 'scripts'));
		copyFileSync(join(ROOT, 'scripts', 'check-install.mjs'), join(dir, 'scripts', 'check-install.mjs'));
		copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
		setup(dir);
		const run = spawnSync(process.execPath, [join(dir, 'scripts', 'check-install.mjs')], { cwd: dir, encoding: 'utf8' });
		return { status: run.status, stdout: run.stdout, stderr: run.stderr };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

describe('scripts/check-install.mjs (first step of npm run demo and npm test)', () => {
	it('without node_modules: one line telling to run npm install, exit 1', () => {
		const { status, stdout, stderr } = runIn(() => {});
		expect(status).toBe(1);
		expect(stdout).toBe('');
		expect(stderr.trim().split('\n')).toHaveLength(1);
		expect(stderr).toContain('node_modules/ is missing');
		expect(stderr).toContain('Run `npm install` first.');
	});

	it('with node_modules lacking packages: names the first missing ones, exit 1', () => {
		const { status, stderr } = runIn((dir) => {
			mkdirSync(join(dir, 'node_modules', 'esbuild'), { recursive: true });
			writeFileSync(join(dir, 'node_modules', 'esbuild', 'package.json'), '{}');
		});
		expect(status).toBe(1);
		expect(stderr.trim().split('\n')).toHaveLength(1);
		expect(stderr).toMatch(/missing: .+ and \d+ more\)\. Run `npm install` first\./);
		expect(stderr).not.toMatch(/missing: [^)]*\besbuild\b/);
	});

	it('with the installed node_modules: silent, exit 0', () => {
		const { status, stdout, stderr } = runIn((dir) => symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir'));
		expect({ status, stdout, stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
	});
});
