// The history names what changed (which deliverable, which tranche) and speaks French: labels,
// amounts, dates, statuses, and a rework comment on the deliverable's own row.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seededMission } from '../support/api';
import { callerFor, createTestDatabase, type TestDatabase, storedVersion } from '../support/test-database';

let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
});
afterAll(() => t.close());

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

it('shows the object’s name, French labels and values, and the rework comment with the status', async () => {
	const { missionId, api } = await seededMission(t.db);
	const plan = await api.missions.get({ missionId });
	const d1 = plan.deliverables[0]!;
	await api.deliverables.transition({
		deliverableId: d1.id,
		action: 'SUBMIT',
		versionLabel: 'v1',
		expectedVersion: await storedVersion(api, 'deliverable', d1.id)
	});
	await api.deliverables.transition({
		deliverableId: d1.id,
		action: 'REQUEST_REWORK',
		comment: 'Ajouter les sources',
		expectedVersion: await storedVersion(api, 'deliverable', d1.id)
	});
	const first = plan.tranches[0]!;
	await api.finance.invoice({ trancheId: first.id, invoiceNumber: 'F-042', invoiceDate: '2025-11-28' });
	await callerFor(t.db, '2025-12-20').finance.recordPayment({
		trancheId: first.id,
		paidOn: '2025-12-15',
		amountCents: 600_000
	});

	const events = await api.audit.list({ missionId });
	const rows = events.map((e) => e.display);
	const rework = rows.find((r) => r.field === 'Statut' && r.after === '« à reprendre »')!;
	expect(rework).toMatchObject({
		object: `Livrable 1 — ${d1.title}`,
		before: '« remis »',
		comment: 'Ajouter les sources'
	});
	// The comment is on the status row, not a row of its own.
	expect(rows.some((r) => r.field === 'Commentaire')).toBe(false);
	const paid = rows.find((r) => r.field === 'Montant payé')!;
	expect(paid.object).toBe(`Tranche « ${first.label} »`);
	expect(plain(paid.after)).toBe('6 000,00 €');
	expect(rows.find((r) => r.field === 'Date de facture')!.after).toBe('28/11/2025');
	expect(rows.find((r) => r.field === 'Statut' && r.object.startsWith('Tranche'))!.after).toBe('« payée »');
	// Nothing reads like a database: no JSON, no English field names, no enum codes.
	const shown = JSON.stringify(rows.map((r) => [r.object, r.field, r.before, r.after]));
	expect(shown).not.toMatch(/paidCents|invoiceNumber|SUBMITTED|PLANNED|\{/);
});
