import { describe, expect, it } from 'vitest';
import type { TaskRow } from '$lib/domain/mission-plan';
import { MAX_MATCHES, searchTasks, taskChoices } from './task-search';

function task(id: string, name: string, parentId: string | null = null, kind: TaskRow['kind'] = 'TASK'): TaskRow {
	return {
		id,
		parentId,
		kind,
		name,
		startDate: '2026-02-09',
		endDate: '2026-02-13',
		progress: 0,
		sortOrder: 0,
		version: 1
	};
}

const tasks = [
	task('p1', 'Cadrage', null, 'PHASE'),
	task('t1', 'Réunion de lancement', 'p1'),
	task('t2', 'Entretiens élus', 'p1'),
	task('p2', 'Analyse', null, 'PHASE'),
	task('t3', 'Étude des données', 'p2'),
	task('t4', 'Synthèse', 'p2'),
	...Array.from({ length: 10 }, (_, i) => task(`x${i}`, `Atelier ${i + 1}`)),
	task('t12', 'Restitution finale')
];
const choices = taskChoices(tasks);
const ids = (query: string) => searchTasks(choices, query).matches.map((c) => c.id);

describe('task pickers: search', () => {
	it('numbers choices as the task table does and keeps only the tasks asked for', () => {
		expect(choices.slice(0, 3).map((c) => c.label)).toEqual([
			'1 Cadrage',
			'1.1 Réunion de lancement',
			'1.2 Entretiens élus'
		]);
		expect(taskChoices(tasks, (t) => t.kind === 'PHASE').map((c) => c.number)).toEqual(['1', '2']);
	});

	it('finds names without minding case or accents, every word anywhere', () => {
		expect(ids('etude')).toEqual(['t3']);
		expect(ids('ÉLUS')).toEqual(['t2']);
		expect(ids('donn etu')).toEqual(['t3']);
		expect(ids('entretiens maires')).toEqual([]);
	});

	it('finds an outline number and the rows under it, that row first, then names holding it', () => {
		// 2, 2.1, 2.2 by number; "Atelier 2" (row 4) by its name; never 12 for 1.
		expect(ids('2')).toEqual(['p2', 't3', 't4', 'x1']);
		expect(ids('1.2')).toEqual(['t2']);
		// Rows 10 to 13 start with a 1 but are not under row 1; "Atelier 1" and "Atelier 10" hold it.
		expect(ids('1')).toEqual(['p1', 't1', 't2', 'x0', 'x9']);
		expect(ids('2.')).toEqual(['p2', 't3', 't4']);
		expect(ids('12')).toEqual(['x9']); // rows 3 to 12 are the ateliers
		// A number and a word together narrow each other.
		expect(ids('2 synth')).toEqual(['t4']);
	});

	it('puts names starting with what was typed before names containing it', () => {
		const more = taskChoices([task('a', 'Présentation de la synthèse'), task('b', 'Synthèse des ateliers')]);
		expect(searchTasks(more, 'synth').matches.map((c) => c.id)).toEqual(['b', 'a']);
	});

	it('shows at most a screenful of matches and says how many there are', () => {
		const many = taskChoices(Array.from({ length: 3000 }, (_, i) => task(`t${i}`, `Tâche ${i}`)));
		const found = searchTasks(many, 'tache');
		expect(found.matches).toHaveLength(MAX_MATCHES);
		expect(found.total).toBe(3000);
		expect(searchTasks(many, '').matches).toHaveLength(MAX_MATCHES);
		// Row 2999 (by number) first, then the task named "Tâche 2999".
		expect(searchTasks(many, 'tache 2999').matches.map((c) => c.id)).toEqual(['t2998', 't2999']);
	});
});
