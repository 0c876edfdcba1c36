// The plan editor's state: the page's copy of the plan, the selection, the saves in flight, and
// the undo / redo stacks. Every edit goes through the API (the same procedures and version checks
// for an undo as for the edit itself); the answer replaces or patches the plan.
import type { MissionPlan, TaskRow } from '$lib/domain/mission-plan';
import { withMovedTasks } from '$lib/domain/mission-plan';
import type { IsoDate } from '$lib/domain/dates';
import { errorCode, errorMessage, type api as apiClient } from '$lib/trpc/client';
import { outlineNumbers, parsePredecessors, type WantedLink } from './outline';

export type PlanApi = typeof apiClient;

export interface SaveStatus {
	kind: 'idle' | 'saving' | 'saved' | 'error';
	message: string;
}

export type Selection = { kind: 'task' | 'deliverable' | 'milestone' | 'tranche'; id: string } | null;

/** One undoable edit: both directions go through the API. */
interface Step {
	label: string;
	undo: () => Promise<void>;
	redo: () => Promise<void>;
}

type Deleted = Awaited<ReturnType<PlanApi['plan']['deleteTask']['mutate']>>['deleted'];

/** Thrown by an edit that nothing needs to save (the value did not change). */
class NothingToSave extends Error {}

export class PlanEditor {
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

	#version(taskId: string): number | undefined {
		return this.task(taskId)?.version;
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
			if (error instanceof NothingToSave) {
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
	async #edit(label: string, step: () => Promise<Omit<Step, 'label'>>): Promise<string | null> {
		let done: Omit<Step, 'label'> | undefined;
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

	// --- Tasks: dates, progress, name -------------------------------------------------------

	/** Moves or resizes a task (drag, keyboard, table): the answer holds only what changed. */
	moveTask(taskId: string, startDate: IsoDate, endDate: IsoDate): Promise<string | null> {
		const name = this.task(taskId)?.name ?? '';
		return this.#edit(`déplacement de « ${name} »`, async () => {
			const tasksBefore = this.plan.tasks;
			const changed = await this.#move(taskId, startDate, endDate);
			// Only the moved tasks are looked up (a map of every task cost ~1 ms a drag at 3 000).
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never rendered
			const moved = new Set(changed);
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never rendered
			const before = new Map(tasksBefore.filter((t) => moved.has(t.id)).map((t) => [t.id, t]));
			// Undo puts back the moved task, then each task it pushed (phases re-span by themselves).
			const restore = changed
				.filter((id) => before.get(id)?.kind === 'TASK')
				.map((id) => ({ id, startDate: before.get(id)!.startDate, endDate: before.get(id)!.endDate }));
			const redo = changed
				.filter((id) => before.get(id)?.kind === 'TASK')
				.map((id) => ({ id, startDate: this.task(id)!.startDate, endDate: this.task(id)!.endDate }));
			return {
				undo: async () => {
					for (const t of restore) await this.#move(t.id, t.startDate, t.endDate);
				},
				redo: async () => {
					for (const t of redo) await this.#move(t.id, t.startDate, t.endDate);
				}
			};
		});
	}

	async #move(taskId: string, startDate: IsoDate, endDate: IsoDate): Promise<string[]> {
		const current = this.task(taskId);
		if (current && current.startDate === startDate && current.endDate === endDate) return [];
		const moved = await this.deps.api.tasks.move.mutate({
			taskId,
			startDate,
			endDate,
			expectedVersion: this.#version(taskId)
		});
		// The whole answer: tasks, and the deliverables and milestones tied to them.
		this.plan = withMovedTasks(this.plan, moved);
		return moved.tasks.map((t) => t.id);
	}

	setProgress(taskId: string, progress: number): Promise<string | null> {
		return this.#updateTask(taskId, 'progress', progress, `avancement de « ${this.task(taskId)?.name ?? ''} »`);
	}

	rename(taskId: string, name: string): Promise<string | null> {
		return this.#updateTask(taskId, 'name', name.trim(), `renommage de « ${this.task(taskId)?.name ?? ''} »`);
	}

	#updateTask<K extends 'name' | 'progress'>(
		taskId: string,
		field: K,
		value: TaskRow[K],
		label: string
	): Promise<string | null> {
		const set = async (v: TaskRow[K]) => {
			this.plan = await this.deps.api.tasks.update.mutate({
				taskId,
				[field]: v,
				expectedVersion: this.#version(taskId)
			});
		};
		return this.#edit(label, async () => {
			const old = this.task(taskId)?.[field];
			if (old === undefined || old === value) throw new NothingToSave();
			await set(value);
			return { undo: () => set(old), redo: () => set(value) };
		});
	}

	// --- Rows: delete, insert, indent, outdent, move ------------------------------------------

	/** How many rows go with a task: itself and everything under it. */
	subtreeSize(taskId: string): number {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never rendered
		const ids = new Set([taskId]);
		for (const t of this.plan.tasks) if (t.parentId && ids.has(t.parentId)) ids.add(t.id);
		return ids.size;
	}

	deleteTask(taskId: string): Promise<string | null> {
		return this.#edit(`suppression de « ${this.task(taskId)?.name ?? ''} »`, async () => {
			let deleted = await this.#delete(taskId);
			return {
				undo: () => this.#restore(deleted),
				redo: async () => {
					deleted = await this.#delete(taskId);
				}
			};
		});
	}

	async #delete(taskId: string): Promise<Deleted> {
		const { deleted, plan } = await this.deps.api.plan.deleteTask.mutate({
			taskId,
			expectedVersion: this.#version(taskId)
		});
		this.plan = plan;
		if (this.selection?.id === taskId) this.selection = null;
		return deleted;
	}

	async #restore(deleted: Deleted): Promise<void> {
		this.plan = await this.deps.api.plan.restore.mutate({ missionId: this.plan.mission.id, ...deleted });
	}

	/** A new task below a row; it becomes the selection. Undo deletes it, redo puts it back. */
	insertBelow(taskId: string): Promise<string | null> {
		return this.#edit('insertion d’une ligne', async () => {
			const { id, plan } = await this.deps.api.plan.insertBelow.mutate({ taskId });
			this.plan = plan;
			this.selection = { kind: 'task', id };
			let deleted: Deleted | undefined;
			return {
				undo: async () => {
					deleted = await this.#delete(id);
				},
				redo: () => this.#restore(deleted!)
			};
		});
	}

	/** Where a row sits: its parent and the sibling just above it (how undo puts it back). */
	#place(taskId: string): { parentId: string | null; afterTaskId: string | null } {
		const task = this.task(taskId)!;
		const siblings = this.plan.tasks.filter((t) => t.parentId === task.parentId);
		const at = siblings.findIndex((t) => t.id === taskId);
		return { parentId: task.parentId, afterTaskId: siblings[at - 1]?.id ?? null };
	}

	#restructure(
		label: string,
		taskId: string,
		run: (expectedVersion: number | undefined) => Promise<MissionPlan>
	): Promise<string | null> {
		return this.#edit(label, async () => {
			const before = this.#place(taskId);
			this.plan = await run(this.#version(taskId));
			const after = this.#place(taskId);
			const put = async (place: typeof before) => {
				this.plan = await this.deps.api.plan.place.mutate({
					taskId,
					...place,
					expectedVersion: this.#version(taskId)
				});
			};
			return { undo: () => put(before), redo: () => put(after) };
		});
	}

	indent(taskId: string): Promise<string | null> {
		return this.#restructure('décalage vers la droite', taskId, (expectedVersion) =>
			this.deps.api.plan.indent.mutate({ taskId, expectedVersion })
		);
	}

	outdent(taskId: string): Promise<string | null> {
		return this.#restructure('décalage vers la gauche', taskId, (expectedVersion) =>
			this.deps.api.plan.outdent.mutate({ taskId, expectedVersion })
		);
	}

	moveRow(taskId: string, direction: 'UP' | 'DOWN'): Promise<string | null> {
		return this.#restructure(direction === 'UP' ? 'montée d’une ligne' : 'descente d’une ligne', taskId, (v) =>
			this.deps.api.plan.moveRow.mutate({ taskId, direction, expectedVersion: v })
		);
	}

	// --- Links ----------------------------------------------------------------------------

	#linkId(predecessorId: string, successorId: string): string | undefined {
		return this.plan.dependencies.find((l) => l.predecessorId === predecessorId && l.successorId === successorId)?.id;
	}

	async #link(
		predecessorId: string,
		successorId: string,
		lagDays: number,
		kind: Pick<WantedLink, 'type' | 'lagUnit'> = { type: 'FS', lagUnit: 'WORKING_DAYS' }
	): Promise<void> {
		this.plan = await this.deps.api.tasks.link.mutate({ predecessorId, successorId, lagDays, ...kind });
	}

	async #unlink(predecessorId: string, successorId: string): Promise<void> {
		const dependencyId = this.#linkId(predecessorId, successorId);
		if (!dependencyId) return;
		this.plan = await this.deps.api.tasks.unlink.mutate({ dependencyId });
		if (this.selectedLinkId === dependencyId) this.selectedLinkId = null;
	}

	link(predecessorId: string, successorId: string, lagDays = 0): Promise<string | null> {
		return this.#edit('création d’un lien', async () => {
			await this.#link(predecessorId, successorId, lagDays);
			return {
				undo: () => this.#unlink(predecessorId, successorId),
				redo: () => this.#link(predecessorId, successorId, lagDays)
			};
		});
	}

	unlink(dependencyId: string): Promise<string | null> {
		const link = this.plan.dependencies.find((l) => l.id === dependencyId);
		if (!link) return Promise.resolve(null);
		const { predecessorId, successorId, lagDays, type, lagUnit } = link;
		return this.#edit('suppression d’un lien', async () => {
			await this.#unlink(predecessorId, successorId);
			return {
				undo: () => this.#link(predecessorId, successorId, lagDays, { type, lagUnit }),
				redo: () => this.#unlink(predecessorId, successorId)
			};
		});
	}

	/**
	 * The predecessor cell ("3; 2.4FD+2j; 5DD; 6FF-1jé"): every predecessor of the task replaced at
	 * once by tasks.setPredecessors (all or nothing, version-checked), one undoable step.
	 */
	async savePredecessors(taskId: string, text: string): Promise<string | null> {
		const parsed = parsePredecessors(text, this.numbers);
		if (!parsed.ok) return parsed.message;
		if (parsed.links.some((l) => l.predecessorId === taskId)) return 'Une tâche ne peut pas dépendre d’elle-même.';
		const current: WantedLink[] = this.plan.dependencies
			.filter((l) => l.successorId === taskId)
			.map(({ predecessorId, type, lagDays, lagUnit }) => ({ predecessorId, type, lagDays, lagUnit }));
		const key = (links: readonly WantedLink[]) =>
			links
				.map((l) => `${l.predecessorId} ${l.type} ${l.lagDays} ${l.lagUnit}`)
				.sort()
				.join('|');
		const set = async (predecessors: readonly WantedLink[]) => {
			this.plan = await this.deps.api.tasks.setPredecessors.mutate({
				taskId,
				expectedVersion: this.#version(taskId),
				predecessors: [...predecessors]
			});
		};
		return this.#edit('modification des prédécesseurs', async () => {
			if (key(current) === key(parsed.links)) throw new NothingToSave();
			await set(parsed.links);
			return { undo: () => set(current), redo: () => set(parsed.links) };
		});
	}

	// --- Deliverables, milestones, mission ------------------------------------------------------

	setDeliverableDate(deliverableId: string, plannedDate: IsoDate): Promise<string | null> {
		const deliverable = () => this.plan.deliverables.find((d) => d.id === deliverableId);
		const set = async (date: IsoDate) => {
			this.plan = await this.deps.api.deliverables.update.mutate({
				deliverableId,
				plannedDate: date,
				expectedVersion: deliverable()?.version ?? 0
			});
		};
		return this.#edit(`date prévue du livrable ${deliverable()?.number ?? ''}`, async () => {
			const old = deliverable()?.plannedDate;
			if (!old || old === plannedDate) throw new NothingToSave();
			await set(plannedDate);
			return { undo: () => set(old), redo: () => set(plannedDate) };
		});
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
