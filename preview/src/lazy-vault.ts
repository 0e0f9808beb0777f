/**
 * The preview's vault: the runtime's in-memory Vault (harness/obsidian.ts), filled with the file
 * *names* the server lists, each file's content fetched from the server the first time something
 * reads it (a note opened, a picture or model linked by a block). A vault of hundreds of files and
 * pictures of several MB opens without downloading them. Writes stay in memory, as before.
 * Preview infrastructure, not part of the plugin.
 */
import { type TAbstractFile, type TFile, Vault } from '../../harness/obsidian';

type Content = string | ArrayBuffer;

/** Fetches a vault file's content by its vault path. */
export type FileFetcher = (path: string) => Promise<Content>;

/** A Vault whose listed files are fetched on first read. */
export class LazyVault extends Vault {
	/** Listed files not read yet: vault path -> the path to fetch (they differ after a rename). */
	private pending = new Map<string, string>();
	private loading = new Map<string, Promise<void>>();

	constructor(private fetchFile: FileFetcher) {
		super();
	}

	/** Adds a file of the server's listing; its content is fetched on first read. */
	list(path: string): TFile {
		const file = super.seed(path, '');
		this.pending.set(path, path);
		return file;
	}

	/** Puts content in place (a fetched file, or the e2e tests' files): no longer pending. */
	override seed(path: string, content: Content): TFile {
		this.pending.delete(path);
		return super.seed(path, content);
	}

	override async read(file: TFile): Promise<string> {
		await this.load(file.path);
		return super.read(file);
	}

	override async readBinary(file: TFile): Promise<ArrayBuffer> {
		await this.load(file.path);
		return super.readBinary(file);
	}

	override async modifyBinary(file: TFile, data: ArrayBuffer): Promise<void> {
		this.pending.delete(file.path);
		return super.modifyBinary(file, data);
	}

	override async delete(file: TAbstractFile): Promise<void> {
		this.pending.delete(file.path);
		return super.delete(file);
	}

	/** A renamed file (alone or in a renamed folder) not read yet is still fetched from where the server has it. */
	protected override moved(oldPath: string, newPath: string): void {
		const source = this.pending.get(oldPath);
		if (source === undefined) return;
		this.pending.delete(oldPath);
		this.pending.set(newPath, source);
	}

	/** Fetches a pending file once (concurrent reads share the request); a failed fetch is retried on the next read. */
	private load(path: string): Promise<void> {
		const source = this.pending.get(path);
		if (source === undefined) return Promise.resolve();
		let loading = this.loading.get(path);
		if (!loading) {
			loading = this.fetchFile(source)
				.then((content) => {
					// Written, deleted or renamed meanwhile: what happened in the page wins.
					if (this.pending.get(path) === source) {
						super.seed(path, content);
						this.pending.delete(path);
					}
				})
				.finally(() => this.loading.delete(path));
			this.loading.set(path, loading);
		}
		return loading;
	}
}
