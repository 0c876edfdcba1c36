// The plan editor's state: the page's copy of the plan, the selection, the saves in flight, and
// the undo / redo stacks. Every edit goes through the API (the same procedures and version checks
// for an undo as for the edit itself); the answer replaces or patches the plan.
import type { MissionPlan, TaskRow } from '$lib/domain/mission-plan';
import type { IsoDate } from '$lib/domain/dates';
import { lazyModule, preloadOn } from '$lib/lazy-module';
import { errorCode, errorMessage, type api as apiClient } from '$lib/trpc/client';
import { outlineNumbers } from './outline';
import type { EditorCore, Undoable } from './plan-edits';

type Edits = typeof import('./plan-edits');
const edits = lazyModule<Edits>(() => import('./plan-edits'));
// Loaded as soon as the user starts interacting: by the time a drag ends or a cell is saved it is there.
preloadOn([edits]);

export type PlanApi = typeof apiClient;

export interface SaveStatus {
	kind: 'idle' | 'saving' | 'saved' | 'error';
	message: string;
}

export type Selection = { kind: 'task' | 'deliverable' | 'milestone' | 'tranche'; id: string } | null;

/** One undoable edit: both directions go through the API. */
interface Step extends Undoable {
	label: string;
}

export class PlanEditor implements EditorCore {
	plan: MissionPlan = $state.raw() as unknown as MissionPlan;
	status = $state<SaveStatus>({ kind: 'idle', message: '' });
	/** Bumped to redraw the chart after a refused change (the plan itself is unchanged). */
	revision = $state(0);
	selection = $state<Selection>(null);
	/** The link selected on the chart (Delete removes it). */
	selectedLinkId = $state<string | null>(null);
	/** Saves sent and not answered yet. */
	pending = $state(0);
	#undo = $state.raw<Step[]>([]);
	#redo = $state.raw<Step[]>([]);
	#queue: Promise<void> = Promise.resolve();

	readonly canUndo = $derived(this.#undo.length > 0);
	readonly canRedo = $derived(this.#redo.length > 0);
	readonly undoLabel = $derived(this.#undo.at(-1)?.label ?? '');
	readonly redoLabel = $derived(this.#redo.at(-1)?.label ?? '');
	readonly numbers = $derived(outlineNumbers(this.plan.tasks));

	constructor(
		plan: MissionPlan,
		private readonly deps: {
			api: PlanApi;
			/** Reloads the page's data (someone else's version), which then calls `replace`. */
			reload: () => Promise<void>;
		}
	) {
		this.plan = plan;
	}

	/** A plan from the server (navigation, reload): another mission starts a fresh history. */
	replace(plan: MissionPlan): void {
		if (plan.mission.id !== this.plan.mission.id) {
			this.#undo = [];
			this.#redo = [];
			this.selection = null;
			this.selectedLinkId = null;
		}
		this.plan = plan;
	}

	task(taskId: string): TaskRow | undefined {
		return this.plan.tasks.find((t) => t.id === taskId);
	}

	/** The version an edit of this task is based on (0, refused by the server, for a row it no longer has). */
	version(taskId: string): number {
		return this.task(taskId)?.version ?? 0;
	}

	get api(): PlanApi {
		return this.deps.api;
	}

	/** Runs API calls one after the other, so an undo never overtakes the edit it undoes. */
	#enqueue<T>(work: () => Promise<T>): Promise<T> {
		const run = this.#queue.then(work);
		this.#queue = run.then(
			() => undefined,
			() => undefined
		);
		return run;
	}

	/**
	 * Saves an edit. Refused: the French reason is shown, the plan stays as it was (a conflict
	 * reloads someone else's version), and the result is the message.
	 */
	async #save(work: () => Promise<void>, success = 'Modifications enregistrées.'): Promise<string | null> {
		this.pending += 1;
		this.status = { kind: 'saving', message: 'Enregistrement…' };
		try {
			await this.#enqueue(work);
			this.status = { kind: 'saved', message: success };
			return null;
		} catch (error) {
			// plan-edits.ts's NothingToSave, told by its name (the class is in the lazy module).
			if (error instanceof Error && error.name === 'NothingToSave') {
				this.status = { kind: 'idle', message: '' };
				return null;
			}
			const message = errorMessage(error);
			this.status = { kind: 'error', message };
			if (errorCode(error) === 'CONFLICT') await this.deps.reload();
			this.revision += 1;
			return message;
		} finally {
			this.pending -= 1;
		}
	}

	/** Saves an edit and records how to undo it. */
	async #edit(label: string, step: () => Promise<Undoable>): Promise<string | null> {
		let done: Undoable | undefined;
		const refused = await this.#save(async () => {
			done = await step();
		});
		if (!refused && done) {
			this.#undo = [...this.#undo, { label, ...done }];
			this.#redo = [];
		}
		return refused;
	}

	async undo(): Promise<void> {
		const step = this.#undo.at(-1);
		if (!step) return;
		this.#undo = this.#undo.slice(0, -1);
		const refused = await this.#save(step.undo, `Annulé : ${step.label}.`);
		if (refused) this.status = { kind: 'error', message: `Annulation impossible : ${refused}` };
		else this.#redo = [...this.#redo, step];
	}

	async redo(): Promise<void> {
		const step = this.#redo.at(-1);
		if (!step) return;
		this.#redo = this.#redo.slice(0, -1);
		const refused = await this.#save(step.redo, `Rétabli : ${step.label}.`);
		if (refused) this.status = { kind: 'error', message: `Rétablissement impossible : ${refused}` };
		else this.#undo = [...this.#undo, step];
	}

	// --- The edits: their code is loaded on the first interaction or edit (plan-edits.ts) --------

	/** Saves an edit made by plan-edits.ts (loaded first, in the queue), and records its undo. */
	#editWith(label: string, step: (edits: Edits, core: EditorCore) => Promise<Undoable>): Promise<string | null> {
		return this.#edit(label, async () => step(await edits.load(), this));
	}

	/** Moves or resizes a task (drag, keyboard, table): the answer holds only what changed. */
	moveTask(taskId: string, startDate: IsoDate, endDate: IsoDate): Promise<string | null> {
		return this.#editWith(`déplacement de « ${this.task(taskId)?.name ?? ''} »`, (m, e) =>
			m.moveTask(e, taskId, startDate, endDate)
		);
	}

	/** Arrow keys on a bar: by days from its dates when the edit runs, placed on working days. */
	shiftTask(taskId: string, startDays: number, endDays: number): Promise<string | null> {
		return this.#editWith(`déplacement de « ${this.task(taskId)?.name ?? ''} »`, (m, e) =>
			m.shiftTask(e, taskId, startDays, endDays)
		);
	}

	setProgress(taskId: string, progress: number): Promise<string | null> {
		return this.#editWith(`avancement de « ${this.task(taskId)?.name ?? ''} »`, (m, e) =>
			m.updateTask(e, taskId, 'progress', progress)
		);
	}

	rename(taskId: string, name: string): Promise<string | null> {
		return this.#editWith(`renommage de « ${this.task(taskId)?.name ?? ''} »`, (m, e) =>
			m.updateTask(e, taskId, 'name', name.trim())
		);
	}

	/** How many rows go with a task: itself and everything under it. */
	subtreeSize(taskId: string): number {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never rendered
		const ids = new Set([taskId]);
		for (const t of this.plan.tasks) if (t.parentId && ids.has(t.parentId)) ids.add(t.id);
		return ids.size;
	}

	deleteTask(taskId: string): Promise<string | null> {
		return this.#editWith(`suppression de « ${this.task(taskId)?.name ?? ''} »`, (m, e) => m.deleteTask(e, taskId));
	}

	/** A new task below a row; it becomes the selection. Undo deletes it, redo puts it back. */
	insertBelow(taskId: string): Promise<string | null> {
		return this.#editWith('insertion d’une ligne', (m, e) => m.insertBelow(e, taskId));
	}

	indent(taskId: string): Promise<string | null> {
		return this.#editWith('décalage vers la droite', (m, e) => m.restructure(e, taskId, 'indent'));
	}

	outdent(taskId: string): Promise<string | null> {
		return this.#editWith('décalage vers la gauche', (m, e) => m.restructure(e, taskId, 'outdent'));
	}

	moveRow(taskId: string, direction: 'UP' | 'DOWN'): Promise<string | null> {
		return this.#editWith(direction === 'UP' ? 'montée d’une ligne' : 'descente d’une ligne', (m, e) =>
			m.restructure(e, taskId, direction)
		);
	}

	link(predecessorId: string, successorId: string, lagDays = 0): Promise<string | null> {
		return this.#editWith('création d’un lien', (m, e) => m.link(e, predecessorId, successorId, lagDays));
	}

	unlink(dependencyId: string): Promise<string | null> {
		const link = this.plan.dependencies.find((l) => l.id === dependencyId);
		if (!link) return Promise.resolve(null);
		return this.#editWith('suppression d’un lien', (m, e) => m.unlink(e, link));
	}

	/**
	 * The predecessor cell ("3; 2.4FD+2j; 5DD; 6FF-1jé"): every predecessor of the task replaced at
	 * once by tasks.setPredecessors (all or nothing, version-checked), one undoable step.
	 */
	async savePredecessors(taskId: string, text: string): Promise<string | null> {
		let read: ReturnType<Edits['readPredecessors']>;
		try {
			read = (await edits.load()).readPredecessors(this, taskId, text);
		} catch (error) {
			// The edits' code could not be loaded (network down): said like a save that failed.
			return errorMessage(error);
		}
		if (typeof read === 'string') return read;
		return this.#editWith('modification des prédécesseurs', (m, e) => m.setPredecessors(e, taskId, read));
	}

	setDeliverableDate(deliverableId: string, plannedDate: IsoDate): Promise<string | null> {
		const number = this.plan.deliverables.find((d) => d.id === deliverableId)?.number ?? '';
		return this.#editWith(`date prévue du livrable ${number}`, (m, e) =>
			m.setDeliverableDate(e, deliverableId, plannedDate)
		);
	}

	/** Edits that are not undoable (forms, workflow): saved, and the answer replaces the plan. */
	run(work: (api: PlanApi) => Promise<MissionPlan>): Promise<string | null> {
		return this.#save(async () => {
			this.plan = await work(this.deps.api);
		});
	}

	/** A plan some other component already saved (forms). */
	saved(plan: MissionPlan): void {
		this.plan = plan;
		this.status = { kind: 'saved', message: 'Modifications enregistrées.' };
	}

	/** A refusal that happened before any call (a value the client could not read). */
	refuse(message: string): void {
		this.status = { kind: 'error', message };
		this.revision += 1;
	}
}
