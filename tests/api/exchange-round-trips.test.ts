// Jalon → MS Project XML → Jalon and Jalon → .gan → Jalon keep what Jalon itself wrote beside the
// plan (each deliverable's status, validation and hand-ins, the tranches and their payments), and
// the import report lists what such a file does not carry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MissionDocument } from '$lib/mission-document';
import { exportGanttProject, exportMspdi, importGanttProject, importMspdi } from '$lib/server/project-files';
import { seedCufMission } from '$lib/server/seed';
import { generatedPlan } from '../support/generated-plan';
import { callerFor, createTestDatabase, type TestDatabase, storedVersion } from '../support/test-database';

// The generated plan's cap: its tranches' payments must fit the invoices the import computes.
const defaults = { clientOrganisation: 'Import', budgetCapCents: 50_000_00 };
const formats = [
	{ name: 'MS Project XML', write: exportMspdi, read: importMspdi },
	{ name: 'GanttProject', write: exportGanttProject, read: importGanttProject }
] as const;

/** Deliverables' follow-up and tranches, with triggers named by what they point to. */
function followUp(doc: MissionDocument) {
	const trigger = (kind: string, ref: string | null) =>
		ref === null
			? null
			: kind === 'MILESTONE'
				? `jalon « ${doc.milestones.find((m) => m.ref === ref)!.name} »`
				: `livrable ${doc.deliverables.find((d) => d.ref === ref)!.number}`;
	return {
		deliverables: doc.deliverables.map((d) => ({
			number: d.number,
			status: d.status,
			validatedOn: d.validatedOn ?? null,
			validatedByName: d.validatedByName ?? null,
			expectedFormat: d.expectedFormat,
			// People's e-mails stay out of files meant for other tools (JSON backups carry them).
			submissions: (d.submissions ?? []).map(({ submittedByEmail: _email, ...s }) => s)
		})),
		tranches: doc.tranches.map(({ triggerRef, paymentDelayDays, ...t }) => ({
			...t,
			// An invoice's own delay, when it has one; a payment's recording time is the import's.
			...(paymentDelayDays != null && { paymentDelayDays }),
			payments: t.payments.map(({ recordedAt: _at, ...p }) => p),
			trigger: trigger(t.triggerKind, triggerRef)
		}))
	};
}

let t: TestDatabase;
let cuf: MissionDocument;
const generated = generatedPlan();
beforeAll(async () => {
	t = await createTestDatabase();
	const missionId = await seedCufMission(t.db);
	const api = callerFor(t.db);
	// Deliverable 1 handed in, sent back, handed in again and validated.
	const d1 = await t.db.deliverable.findFirstOrThrow({ where: { missionId, number: 1 } });
	for (const step of [
		{ action: 'START' },
		{ action: 'SUBMIT', versionLabel: 'v1', link: 'https://example.org/v1', comment: 'Première remise' },
		{ action: 'REQUEST_REWORK', comment: 'Compléter la cartographie' },
		{ action: 'SUBMIT', versionLabel: 'v2' },
		{ action: 'VALIDATE' }
	] as const)
		await api.deliverables.transition({
			deliverableId: d1.id,
			...step,
			expectedVersion: await storedVersion(api, 'deliverable', d1.id)
		});
	cuf = await api.documents.exportMission({ missionId });
});
afterAll(async () => {
	await t.close();
});

describe.each(formats)('Jalon → $name → Jalon', ({ write, read }) => {
	it('keeps every deliverable’s status, validation and hand-ins, and every tranche with its payments (generated plan)', () => {
		expect(generated.deliverables.some((d) => (d.submissions ?? []).length > 1 && d.validatedOn)).toBe(true);
		expect(generated.tranches.some((x) => x.payments.length > 0)).toBe(true);
		const { document, warnings } = read(write(generated), defaults);
		expect(followUp(document)).toEqual(followUp(generated));
		expect(warnings.join('\n')).not.toContain('illisible');
		expect(warnings.join('\n')).not.toContain('tranche(s) de paiement non reprise(s)');
	});

	it('keeps the CUF mission’s tranches and its hand-in, and lists what the file does not carry', () => {
		expect(cuf.tranches).toHaveLength(3);
		expect(cuf.deliverables.find((d) => d.number === 1)!.submissions).toHaveLength(2);
		expect(cuf.deliverables.find((d) => d.number === 1)!.status).toBe('VALIDATED');
		const { document, warnings } = read(write(cuf), defaults);
		expect(followUp(document)).toEqual(followUp(cuf));
		const report = warnings.find((w) => w.startsWith('Non repris'));
		expect(report).toContain(`${cuf.contacts.length} contact(s)`);
		expect(report).toContain('référence');
	});

	it('a tranche whose trigger was removed in another tool: the tranches are left out and said, the plan imported', () => {
		const file = write(generated);
		// The row of deliverable 3 (which triggers the solde) removed, as another tool would.
		const cut =
			write === exportMspdi
				? file.replace(/<Task>\s*<UID>\d+<\/UID>\s*<ID>\d+<\/ID>\s*<Name>Livrable 3 — [\s\S]*?<\/Task>/, '')
				: file.replace(/<task id="\d+" name="Livrable 3 — [^"]*"[\s\S]*?<\/task>/, '');
		expect(cut.length).toBeLessThan(file.length);
		const { document, warnings } = read(cut, defaults);
		expect(document.deliverables.map((d) => d.number)).toEqual([1, 2]);
		expect(document.tranches).toEqual([]);
		expect(warnings.join('\n')).toContain('3 tranche(s) de paiement non reprise(s)');
	});

	it('Jalon data made unreadable in another tool is left out and counted', () => {
		const file = write(generated).replace(
			/&quot;status&quot;:&quot;VALIDATED&quot;/,
			'&quot;status&quot;:&quot;PERDU&quot;'
		);
		const { document, warnings } = read(file, defaults);
		expect(document.deliverables.find((d) => d.number === 1)!.status).toBe('TODO');
		expect(warnings.join('\n')).toContain('1 donnée(s) de Jalon illisible(s)');
	});
});

describe('through the API', () => {
	it.each(formats)('a mission imported from $name stores the follow-up and the tranches', async ({ write }) => {
		const api = callerFor(t.db);
		const { id, warnings } = await api.documents.importProject({
			content: write(generated),
			clientOrganisation: 'Import',
			budgetCapCents: 50_000_00
		});
		const stored = await api.documents.exportMission({ missionId: id });
		expect(followUp(stored)).toEqual(followUp(generated));
		expect(warnings.some((w) => w.startsWith('Non repris'))).toBe(true);
	});
});
