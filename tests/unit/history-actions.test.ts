// The history in its readers' words and one row per user action: link types, lag units and buyer
// kinds in French, a tied task by its name, and a move (with the tasks it pushed, over several
// arrow presses) as one entry from the first dates to the last.
import { describe, expect, it } from 'vitest';
import { describeStoredValue, fieldLabel, groupHistory, type HistoryEvent } from '$lib/domain/history';

describe('history words', () => {
	it('names link types, lag units and buyers in French', () => {
		expect(`${fieldLabel('type')} : ${describeStoredValue('type', 'FS', 'dependency')}`).toBe(
			'Type de lien : fin → début (fd)'
		);
		expect(`${fieldLabel('lagUnit')} : ${describeStoredValue('lagUnit', 'WORKING_DAYS', 'dependency')}`).toBe(
			'Unité du décalage : jours ouvrés'
		);
		expect(describeStoredValue('lagUnit', 'ELAPSED_DAYS', 'dependency')).toBe('jours calendaires');
		expect(describeStoredValue('buyerKind', 'PUBLIC', 'contract')).toBe('acheteur public');
		expect(fieldLabel('latePaymentRateBp')).toBe('Taux des pénalités de retard');
	});

	it('reads an id as the name of the row it points to, never the id', () => {
		const names = new Map([['cmxduhxq8000', 'Tâche « Entretiens : direction »']]);
		expect(fieldLabel('anchorTaskId')).toBe('Tâche de rattachement');
		expect(describeStoredValue('anchorTaskId', 'cmxduhxq8000', 'deliverable', (id) => names.get(id))).toBe(
			'Tâche « Entretiens : direction »'
		);
		expect(describeStoredValue('anchorTaskId', 'cmgone', 'deliverable', (id) => names.get(id))).toBe(
			'élément supprimé'
		);
		expect(describeStoredValue('anchorTaskId', null, 'deliverable')).toBe('—');
	});
});

let n = 0;
function event(
	at: string,
	objectId: string,
	field: string,
	before: string,
	after: string,
	actor = 'Camille'
): HistoryEvent {
	const object = objectId === 't43' ? 'Tâche « 4.3 »' : 'Tâche « 4.4 »';
	return {
		id: `e${(n += 1)}`,
		at,
		actorName: actor,
		objectType: 'task',
		objectId,
		action: 'update',
		field,
		display: { object, action: 'modification', field: fieldLabel(field), before, after, comment: null }
	};
}

describe('groupHistory', () => {
	it('makes five arrow presses on a bar, which pushed its successor, one move', () => {
		// Newest first, as the audit list gives them: 15 rows.
		const events: HistoryEvent[] = [];
		const days = ['02', '03', '04', '05', '06', '09'];
		for (let press = 5; press >= 1; press -= 1) {
			const at = `2026-12-08T10:00:${String(press * 2).padStart(2, '0')}.000Z`;
			events.push(event(at, 't43', 'startDate', `${days[press - 1]}/03/2026`, `${days[press]}/03/2026`));
			events.push(event(at, 't43', 'endDate', `1${press}/03/2026`, `1${press + 1}/03/2026`));
			events.push(event(at, 't44', 'startDate', `2${press}/03/2026`, `2${press + 1}/03/2026`));
		}
		const entries = groupHistory(events);
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({
			actorName: 'Camille',
			object: 'Tâche « 4.3 » · Tâche « 4.4 »',
			action: 'déplacement'
		});
		expect(entries[0]!.changes.map((c) => [c.object, c.field, c.before, c.after])).toEqual([
			['Tâche « 4.3 »', 'Début', '02/03/2026', '09/03/2026'],
			['Tâche « 4.3 »', 'Fin', '11/03/2026', '16/03/2026'],
			['Tâche « 4.4 »', 'Début', '21/03/2026', '26/03/2026']
		]);
	});

	it('keeps apart two actions of one person a fraction of a second apart: each call has its own time', () => {
		const entries = groupHistory([
			event('2026-12-08T10:00:00.400Z', 't43', 'startDate', '03/03/2026', '04/03/2026'),
			event('2026-12-08T10:00:00.100Z', 't44', 'name', '4.4', 'Rapport')
		]);
		expect(entries.map((e) => [e.action, e.changes.length])).toEqual([
			['déplacement', 1],
			['modification', 1]
		]);
	});

	it('keeps apart two people, two bars, moves minutes apart, and a move from another change', () => {
		const entries = groupHistory([
			event('2026-12-08T10:30:00.000Z', 't43', 'startDate', '03/03/2026', '04/03/2026'),
			// Twenty minutes earlier: another move.
			event('2026-12-08T10:10:00.000Z', 't43', 'startDate', '02/03/2026', '03/03/2026'),
			event('2026-12-08T10:09:59.000Z', 't44', 'startDate', '02/03/2026', '03/03/2026', 'Sacha'),
			event('2026-12-08T10:09:50.000Z', 't44', 'name', '4.4', 'Rapport'),
			event('2026-12-08T10:09:40.000Z', 't44', 'startDate', '01/03/2026', '02/03/2026')
		]);
		expect(entries.map((e) => [e.actorName, e.action, e.changes.length])).toEqual([
			['Camille', 'déplacement', 1],
			['Camille', 'déplacement', 1],
			['Sacha', 'déplacement', 1],
			['Camille', 'modification', 1],
			['Camille', 'déplacement', 1]
		]);
	});
});
