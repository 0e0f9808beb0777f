import { Component, Vault } from '../../harness/obsidian';
import { watchVaultFile } from '../../src/vault/watch';
import { asComponent, asVault, bufferOf } from './png';

/** A vault holding `img/a.png` and `img/b.png`, and a loaded component watching `img/a.png`. */
function setup() {
	const vault = new Vault();
	const a = vault.seed('img/a.png', bufferOf(Uint8Array.from([1])));
	const b = vault.seed('img/b.png', bufferOf(Uint8Array.from([2])));
	const component = new Component();
	component.load();
	let path = 'img/a.png';
	const log: string[] = [];
	watchVaultFile(asComponent(component), asVault(vault), () => path, {
		modified: (file) => log.push(`modified ${file.path}`),
		renamed: (newPath) => {
			log.push(`renamed ${newPath}`);
			path = newPath;
		},
		deleted: (p) => log.push(`deleted ${p}`),
	});
	return { vault, a, b, component, log };
}

const bytes = (n: number): ArrayBuffer => bufferOf(Uint8Array.from([n]));

describe('watchVaultFile', () => {
	it('reports modifications of the watched file only', async () => {
		const { vault, a, b, log } = setup();
		await vault.modifyBinary(b, bytes(3));
		await vault.modifyBinary(a, bytes(4));
		expect(log).toEqual(['modified img/a.png']);
	});

	it('follows a rename: later events use the new path', async () => {
		const { vault, a, b, log } = setup();
		await vault.rename(b, 'img/c.png');
		await vault.rename(a, 'Cursos/gato.png');
		await vault.modifyBinary(a, bytes(5));
		expect(log).toEqual(['renamed Cursos/gato.png', 'modified Cursos/gato.png']);
	});

	it('reports deletion of the watched file only', async () => {
		const { vault, a, b, log } = setup();
		await vault.delete(b);
		await vault.delete(a);
		expect(log).toEqual(['deleted img/a.png']);
	});

	it('unloading the component removes its three listeners', async () => {
		const { vault, a, component, log } = setup();
		expect(['modify', 'rename', 'delete'].map((n) => vault.listenerCount(n))).toEqual([1, 1, 1]);
		component.unload();
		expect(['modify', 'rename', 'delete'].map((n) => vault.listenerCount(n))).toEqual([0, 0, 0]);
		await vault.modifyBinary(a, bytes(6));
		expect(log).toEqual([]);
	});

	it('handlers are optional', async () => {
		const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
		const vault = new Vault();
		const a = vault.seed('a.png', bytes(1));
		const component = new Component();
		component.load();
		watchVaultFile(asComponent(component), asVault(vault), () => 'a.png', {});
		await vault.modifyBinary(a, bytes(2));
		await vault.rename(a, 'b.png');
		await vault.delete(a);
		component.unload();
		expect(errors).not.toHaveBeenCalled(); // the fake vault logs handler exceptions
		errors.mockRestore();
	});
});
