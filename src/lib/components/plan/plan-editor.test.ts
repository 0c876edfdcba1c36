// The plan editor's state class with a mocked API client: what it sends, how it patches the plan,
// and how undo / redo replay edits through the same procedures and version checks.
import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { TRPCClientError } from '@trpc/client';
import type { MissionPlan, TaskRow } from '$lib/domain/mission-plan';
import { PlanEditor, type PlanApi } from './plan-editor.svelte';

const task = (id: string, over: Partial<TaskRow> = {}): TaskRow => ({
	id,
	parentId: null,
	kind: 'TASK',
	name: id.toUpperCase(),
	startDate: '2026-01-05',
	endDate: '2026-01-09',
	progress: 0,
	sortOrder: 0,
	version: 1,
	...over
});

function planWith(tasks: TaskRow[], dependencies: MissionPlan['dependencies'] = []): MissionPlan {
	return {
		mission: { id: 'm1' },
		tasks,
		dependencies,
		deliverables: [],
		milestones: [],
		tranches: [],
		contacts: [],
		tranchesBalanced: true,
		warnings: []
	} as unknown as MissionPlan;
}

function conflict(message: string) {
	return new TRPCClientError(message, {
		result: { error: { message, code: -32009, data: { appCode: 'CONFLICT' } } }
	} as never);
}

type Call = Mock<(input: unknown) => Promise<unknown>>;
let calls: Record<
	'move' | 'update' | 'link' | 'unlink' | 'setPredecessors' | 'deleteTask' | 'restore' | 'indent' | 'place',
	Call
>;
let reload: Mock<() => Promise<void>>;
let editor: PlanEditor;

beforeEach(() => {
	calls = {
		move: vi.fn(),
		update: vi.fn(),
		link: vi.fn(),
		unlink: vi.fn(),
		setPredecessors: vi.fn(),
		deleteTask: vi.fn(),
		restore: vi.fn(),
		indent: vi.fn(),
		place: vi.fn()
	};
	const api = {
		tasks: {
			move: { mutate: calls.move },
			update: { mutate: calls.update },
			link: { mutate: calls.link },
			unlink: { mutate: calls.unlink },
			setPredecessors: { mutate: calls.setPredecessors }
		},
		plan: {
			deleteTask: { mutate: calls.deleteTask },
			restore: { mutate: calls.restore },
			indent: { mutate: calls.indent },
			place: { mutate: calls.place }
		}
	} as unknown as PlanApi;
	reload = vi.fn(async () => {});
	editor = new PlanEditor(planWith([task('a'), task('b', { startDate: '2026-01-12', endDate: '2026-01-16' })]), {
		api,
		reload
	});
});

describe('moving a task', () => {
	it('patches the plan with the answer, and undo / redo move back with the versions it answered', async () => {
		calls.move.mockResolvedValueOnce({
			deliverables: [],
			milestones: [],
			tasks: [
				{ id: 'a', startDate: '2026-01-12', endDate: '2026-01-16', version: 2 },
				{ id: 'b', startDate: '2026-01-19', endDate: '2026-01-23', version: 2 }
			]
		});
		expect(await editor.moveTask('a', '2026-01-12', '2026-01-16')).toBeNull();
		expect(calls.move).toHaveBeenLastCalledWith({
			taskId: 'a',
			startDate: '2026-01-12',
			endDate: '2026-01-16',
			expectedVersion: 1
		});
		expect(editor.task('b')!.startDate).toBe('2026-01-19');
		expect(editor.canUndo).toBe(true);

		calls.move
			.mockResolvedValueOnce({
				deliverables: [],
				milestones: [],
				tasks: [{ id: 'a', startDate: '2026-01-05', endDate: '2026-01-09', version: 3 }]
			})
			.mockResolvedValueOnce({
				deliverables: [],
				milestones: [],
				tasks: [{ id: 'b', startDate: '2026-01-12', endDate: '2026-01-16', version: 3 }]
			});
		await editor.undo();
		// The moved task first, then the one it pushed, each with the version the page holds.
		expect(calls.move.mock.calls.slice(1).map(([input]) => input)).toEqual([
			{ taskId: 'a', startDate: '2026-01-05', endDate: '2026-01-09', expectedVersion: 2 },
			{ taskId: 'b', startDate: '2026-01-12', endDate: '2026-01-16', expectedVersion: 2 }
		]);
		expect(editor.canUndo).toBe(false);
		expect(editor.canRedo).toBe(true);
		expect(editor.status.message).toContain('Annulé');

		calls.move
			.mockResolvedValueOnce({
				deliverables: [],
				milestones: [],
				tasks: [{ id: 'a', startDate: '2026-01-12', endDate: '2026-01-16', version: 4 }]
			})
			.mockResolvedValueOnce({
				deliverables: [],
				milestones: [],
				tasks: [{ id: 'b', startDate: '2026-01-19', endDate: '2026-01-23', version: 4 }]
			});
		await editor.redo();
		expect(calls.move.mock.calls[3]![0]).toMatchObject({ taskId: 'a', startDate: '2026-01-12', expectedVersion: 3 });
		expect(editor.canUndo).toBe(true);
	});

	it('refuses an undo when someone else changed the row: French message, their version reloaded', async () => {
		calls.move.mockResolvedValueOnce({
			deliverables: [],
			milestones: [],
			tasks: [{ id: 'a', startDate: '2026-01-12', endDate: '2026-01-16', version: 2 }]
		});
		await editor.moveTask('a', '2026-01-12', '2026-01-16');
		calls.move.mockRejectedValueOnce(conflict('« A » a été modifiée entre-temps par Marie : rechargez.'));
		const revision = editor.revision;
		await editor.undo();
		expect(editor.status.kind).toBe('error');
		expect(editor.status.message).toBe(
			'Annulation impossible : « A » a été modifiée entre-temps par Marie : rechargez.'
		);
		expect(reload).toHaveBeenCalledOnce();
		expect(editor.revision).toBe(revision + 1);
		expect(editor.canUndo).toBe(false);
		expect(editor.canRedo).toBe(false);
	});

	it('sends an undo only once the edit it undoes is answered', async () => {
		let answer!: (value: unknown) => void;
		calls.move.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
		const moving = editor.moveTask('a', '2026-01-12', '2026-01-16');
		calls.move.mockResolvedValue({ deliverables: [], milestones: [], tasks: [] });
		const undoing = editor.undo(); // nothing to undo yet: the move is not saved
		expect(editor.pending).toBe(1);
		answer({
			deliverables: [],
			milestones: [],
			tasks: [{ id: 'a', startDate: '2026-01-12', endDate: '2026-01-16', version: 2 }]
		});
		await Promise.all([moving, undoing]);
		expect(calls.move).toHaveBeenCalledTimes(1);
		expect(editor.canUndo).toBe(true);
	});
});

describe('rows', () => {
	it('undoes a delete by restoring what the server answered it deleted, and redoes it', async () => {
		const deleted = { tasks: [{ id: 'a' }], links: [] };
		calls.deleteTask.mockResolvedValue({ deleted, plan: planWith([task('b')]) });
		calls.restore.mockResolvedValue(planWith([task('a'), task('b')]));
		editor.selection = { kind: 'task', id: 'a' };
		await editor.deleteTask('a');
		expect(calls.deleteTask).toHaveBeenCalledWith({ taskId: 'a', expectedVersion: 1 });
		expect(editor.plan.tasks.map((t) => t.id)).toEqual(['b']);
		expect(editor.selection).toBeNull();
		await editor.undo();
		expect(calls.restore).toHaveBeenCalledWith({ missionId: 'm1', ...deleted });
		expect(editor.plan.tasks.map((t) => t.id)).toEqual(['a', 'b']);
		await editor.redo();
		expect(calls.deleteTask).toHaveBeenCalledTimes(2);
		expect(editor.plan.tasks.map((t) => t.id)).toEqual(['b']);
	});

	it('undoes an indent by placing the row back after its previous sibling', async () => {
		editor.replace(planWith([task('p', { kind: 'PHASE' }), task('a'), task('b')]));
		calls.indent.mockResolvedValue(
			planWith([task('p', { kind: 'PHASE' }), task('a', { parentId: 'p', version: 2 }), task('b')])
		);
		calls.place.mockResolvedValue(planWith([task('p', { kind: 'PHASE' }), task('a', { version: 3 }), task('b')]));
		await editor.indent('a');
		expect(calls.indent).toHaveBeenCalledWith({ taskId: 'a', expectedVersion: 1 });
		await editor.undo();
		expect(calls.place).toHaveBeenCalledWith({ taskId: 'a', parentId: null, afterTaskId: 'p', expectedVersion: 2 });
	});

	it('does not save a rename that changes nothing', async () => {
		expect(await editor.rename('a', ' A ')).toBeNull();
		expect(calls.update).not.toHaveBeenCalled();
		expect(editor.canUndo).toBe(false);
	});
});

describe('predecessors typed in the table', () => {
	it('replaces the task’s predecessors at once, with types and lag units; undo puts the old ones back', async () => {
		const before = planWith(
			[task('a'), task('b')],
			[{ id: 'l0', predecessorId: 'a', successorId: 'b', type: 'FS', lagDays: 0, lagUnit: 'ELAPSED_DAYS' }]
		);
		editor.replace(before);
		const after = planWith(
			[task('a'), task('b')],
			[{ id: 'l1', predecessorId: 'a', successorId: 'b', type: 'SS', lagDays: 2, lagUnit: 'WORKING_DAYS' }]
		);
		calls.setPredecessors.mockResolvedValue(after);
		expect(await editor.savePredecessors('b', '1DD+2j')).toBeNull();
		expect(calls.setPredecessors).toHaveBeenCalledWith({
			taskId: 'b',
			expectedVersion: 1,
			predecessors: [{ predecessorId: 'a', type: 'SS', lagDays: 2, lagUnit: 'WORKING_DAYS' }]
		});
		calls.setPredecessors.mockResolvedValue(before);
		await editor.undo();
		expect(calls.setPredecessors).toHaveBeenLastCalledWith({
			taskId: 'b',
			expectedVersion: 1,
			predecessors: [{ predecessorId: 'a', type: 'FS', lagDays: 0, lagUnit: 'ELAPSED_DAYS' }]
		});
		expect(editor.plan).toEqual(before);
	});

	it('refuses what it cannot read, in French, without calling the API', async () => {
		expect(await editor.savePredecessors('b', '1XY')).toMatch(/type de lien inconnu/);
		expect(await editor.savePredecessors('b', '7')).toBe('Aucune ligne ne porte le numéro 7.');
		expect(await editor.savePredecessors('b', '2')).toBe('Une tâche ne peut pas dépendre d’elle-même.');
		expect(calls.setPredecessors).not.toHaveBeenCalled();
	});
});

describe('inserting a row', () => {
	it('selects the new row; undo deletes it and redo restores it with the same id', async () => {
		const insertBelow = vi.fn(async () => ({ id: 'n', plan: planWith([task('a'), task('n'), task('b')]) }));
		(editor as unknown as { deps: { api: { plan: Record<string, unknown> } } }).deps.api.plan.insertBelow = {
			mutate: insertBelow
		};
		await editor.insertBelow('a');
		expect(insertBelow).toHaveBeenCalledWith({ taskId: 'a' });
		expect(editor.selection).toEqual({ kind: 'task', id: 'n' });
		const deleted = { tasks: [{ id: 'n' }], links: [] };
		calls.deleteTask.mockResolvedValue({ deleted, plan: planWith([task('a'), task('b')]) });
		await editor.undo();
		expect(calls.deleteTask).toHaveBeenCalledWith({ taskId: 'n', expectedVersion: 1 });
		calls.restore.mockResolvedValue(planWith([task('a'), task('n'), task('b')]));
		await editor.redo();
		expect(calls.restore).toHaveBeenCalledWith({ missionId: 'm1', ...deleted });
		expect(editor.plan.tasks.map((t) => t.id)).toEqual(['a', 'n', 'b']);
	});
});
