// A JSON backup restored gives back the same mission: every figure of the finance view, the plan,
// the programme's envelope, and who confirmed or validated what (issue 22, item 2). Each seeded
// and generated mission is exported, restored, and compared with ids and version counters set aside.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCufMission } from '$lib/server/seed';
import { BUILTIN_TEMPLATES } from '$lib/server/templates/builtin';
import type { MissionDocument } from '$lib/mission-document';
import { formatEuros } from '$lib/domain/money';
import { callerFor, createTestDatabase, TEST_ADMIN, type TestDatabase, storedVersion } from '../support/test-database';

/** Late enough for tranches to be overdue and carry late-payment interest. */
const TODAY = '2026-03-02';

let t: TestDatabase;
let api: ReturnType<typeof callerFor>;
beforeAll(async () => {
	t = await createTestDatabase();
	api = callerFor(t.db, TODAY);
	// Global rates, the same for the original and the restored mission.
	await api.finance.setEcbRate({ halfYearStart: '2025-07-01', rateBp: 215 });
	await api.finance.setEcbRate({ halfYearStart: '2026-01-01', rateBp: 215 });
}, 60_000);
afterAll(() => t.close());

/** Collections without an order of their own (the database's), compared as sets. */
const UNORDERED = new Set(['dependencies', 'milestoneLinks']);

/**
 * The value with every database id replaced by its rank of first appearance (so references still
 * have to match) and the version counters removed (a restored row starts again at 1).
 */
function canonical(value: unknown): unknown {
	const ranks = new Map<string, string>();
	const rank = (id: string) => {
		if (!ranks.has(id)) ranks.set(id, `#${ranks.size + 1}`);
		return ranks.get(id)!;
	};
	const walk = (v: unknown, key = ''): unknown => {
		if (Array.isArray(v) && UNORDERED.has(key)) {
			// A link's own id is referenced nowhere: set aside, the rest sorted.
			const rows = v.map((x) => walk({ ...(x as object), id: undefined }));
			return rows.map((x) => JSON.stringify(x)).sort();
		}
		if (Array.isArray(v)) return v.map((x) => walk(x, key));
		if (typeof v === 'string' && (key === 'id' || /Id$/.test(key) || /Ids$/.test(key))) return rank(v);
		if (v && typeof v === 'object') {
			const out: Record<string, unknown> = {};
			for (const [k, x] of Object.entries(v)) {
				if (k === 'version' || k === 'expectedVersion') continue;
				out[k] = walk(x, k);
			}
			return out;
		}
		return v;
	};
	return walk(value);
}

const withoutTime = (doc: MissionDocument) => ({ ...doc, exportedAt: undefined });

async function views(missionId: string) {
	const [finance, plan] = await Promise.all([api.finance.get({ missionId }), api.missions.get({ missionId })]);
	return { finance: canonical(finance), plan: canonical(plan) };
}

/** Exports, restores and checks that the restored mission reads exactly as the original. */
async function restoreAndCompare(missionId: string) {
	const before = await views(missionId);
	const document = await api.documents.exportMission({ missionId });
	const restored = await api.documents.importMission({ document: JSON.parse(JSON.stringify(document)) });
	expect(restored.warnings).toEqual([]);
	const after = await views(restored.id);
	expect(after.finance).toEqual(before.finance);
	expect(after.plan).toEqual(before.plan);
	expect(withoutTime(await api.documents.exportMission({ missionId: restored.id }))).toEqual(withoutTime(document));
	return { document, restoredId: restored.id };
}

/** A mission with every feature: each part of the document holds something. */
let programmes = 0;
async function everyFeatureMission() {
	const programmeTitle = `Dispositif données ${++programmes}`;
	const missionId = await seedCufMission(t.db);
	let plan = await api.missions.get({ missionId });
	const phase = plan.tasks.find((x) => x.kind === 'PHASE')!;
	// Between companies, with the contract's own late-payment rate and a 45-day delay; the market
	// amount (24 000 € TTC) goes over the 20 000 € TTC cap, confirmed.
	await api.finance.updateTerms({
		missionId,
		contractAmountHtCents: 2_000_000,
		paymentDelayDays: 45,
		buyerKind: 'COMPANY',
		latePaymentRateBp: 1200,
		confirmOverCap: true,
		overCapComment: 'Avenant n° 1 signé',
		expectedVersion: await storedVersion(api, 'mission', missionId)
	});
	await api.finance.saveProfile({ missionId, name: 'Expert', dayRateHtCents: 90_000 });
	let view = await api.finance.get({ missionId });
	const profileId = view.costPlan.profiles[0]!.id;
	await api.finance.saveCostLine({
		missionId,
		profileId,
		phaseId: phase.id,
		label: 'Audit',
		dayHundredths: 3000,
		confirmOverCap: true,
		overCapComment: 'Accord du commanditaire'
	});
	await api.finance.saveCostLine({
		missionId,
		label: 'Déplacements',
		fixedAmountHtCents: 150_000,
		confirmOverCap: true,
		overCapComment: 'Déplacements ajoutés'
	});
	await api.finance.setFunders({
		missionId,
		funders: [
			{ name: 'Dispositif', shareBp: 8000, ceilingCents: 1_500_000 },
			{ name: 'Commune', shareBp: 2000 }
		]
	});
	await api.finance.setTimeEntry({ missionId, profileId, weekStart: '2025-12-01', dayHundredths: 250 });
	await api.finance.setTimeEntry({
		missionId,
		profileId,
		phaseId: phase.id,
		weekStart: '2025-12-08',
		dayHundredths: 150
	});
	await api.finance.addExpense({
		missionId,
		phaseId: phase.id,
		label: 'Train Paris',
		incurredOn: '2025-12-03',
		amountHtCents: 8_950
	});
	// Deliverable 2's validation makes the second tranche exigible.
	const deliverable = plan.deliverables[1]!;
	await api.deliverables.transition({
		deliverableId: deliverable.id,
		action: 'START',
		expectedVersion: await storedVersion(api, 'deliverable', deliverable.id)
	});
	await api.deliverables.transition({
		deliverableId: deliverable.id,
		action: 'SUBMIT',
		versionLabel: 'v1',
		link: 'https://exemple.fr/audit-v1.pdf',
		comment: 'Première version',
		expectedVersion: await storedVersion(api, 'deliverable', deliverable.id)
	});
	await api.deliverables.transition({
		deliverableId: deliverable.id,
		action: 'REQUEST_REWORK',
		comment: 'Annexes',
		expectedVersion: await storedVersion(api, 'deliverable', deliverable.id)
	});
	await api.deliverables.transition({
		deliverableId: deliverable.id,
		action: 'SUBMIT',
		versionLabel: 'v2',
		expectedVersion: await storedVersion(api, 'deliverable', deliverable.id)
	});
	plan = await api.deliverables.transition({
		deliverableId: deliverable.id,
		action: 'VALIDATE',
		expectedVersion: await storedVersion(api, 'deliverable', deliverable.id)
	});
	view = await api.finance.get({ missionId });
	// The first tranche paid late in two payments of the same day, the next one due and unpaid.
	const [first, second] = view.tranches;
	await api.finance.invoice({ trancheId: first!.id, invoiceNumber: 'F-1', invoiceDate: '2025-11-28' });
	await api.finance.recordPayment({ trancheId: first!.id, paidOn: '2026-01-20', amountCents: 300_000 });
	await api.finance.recordPayment({ trancheId: first!.id, paidOn: '2026-01-20', amountCents: 100_000 });
	await api.finance.invoice({ trancheId: second!.id, invoiceNumber: 'F-2', invoiceDate: '2025-12-19' });
	await api.deliverables.transition({
		deliverableId: plan.deliverables[0]!.id,
		action: 'START',
		expectedVersion: await storedVersion(api, 'deliverable', plan.deliverables[0]!.id)
	});

	const { id: programmeId } = await api.programmes.create({
		kind: 'SCHEME',
		title: programmeTitle,
		owner: 'Cités Unies France',
		envelopeCents: 10_000_000,
		envelopeBasis: 'HT',
		startDate: '2025-09-01',
		endDate: '2027-08-31',
		memberShareBp: 8000,
		nonMemberShareBp: 5000,
		serviceCeilingCents: null
	});
	const { id: beneficiaryId } = await api.programmes.saveBeneficiary({
		programmeId,
		name: 'Commune de Lorient',
		siret: '73355123400012',
		isMember: true
	});
	await api.programmes.attachMission({ programmeId, missionId, beneficiaryId });
	view = await api.finance.get({ missionId });
	// The figures the issue saw lost: late interest at the contract's rate, who confirmed what.
	expect(view.tranches[0]!.lateInterest?.rateBp).toBe(1200);
	expect(view.tranches[0]!.lateInterest?.interestCents).toBeGreaterThan(0);
	return { missionId, programmeId, programmeTitle };
}

describe('a JSON backup restores the same mission', () => {
	it('the seeded CUF mission', async () => {
		await restoreAndCompare(await seedCufMission(t.db));
	});

	it.each(BUILTIN_TEMPLATES.map((template) => [template.id]))('a mission from the template %s', async (templateId) => {
		const { id } = await api.documents.createFromTemplate({
			templateId,
			kickoffDate: '2026-01-12',
			title: `Depuis ${templateId}`,
			clientOrganisation: 'Commune',
			budgetCapCents: 3_000_000,
			capBasis: 'HT'
		});
		await restoreAndCompare(id);
	});

	it('a mission with every feature, restored after it was lost: finance, plan, people and programme', async () => {
		const { missionId, programmeId, programmeTitle } = await everyFeatureMission();
		const programmeBefore = await api.programmes.get({ programmeId });
		const before = await views(missionId);
		const document = await api.documents.exportMission({ missionId });
		expect(document.version).toBe(2);
		expect(document.mission).toMatchObject({ buyerKind: 'COMPANY', latePaymentRateBp: 1200 });
		expect(document.programme).toEqual({
			kind: 'SCHEME',
			title: programmeTitle,
			owner: 'Cités Unies France',
			startDate: '2025-09-01',
			endDate: '2027-08-31',
			beneficiary: { name: 'Commune de Lorient', siret: '73355123400012' },
			orderNumber: null
		});
		expect(document.overCapApprovals?.map((a) => [a.kind, a.actorName])).toEqual([
			['CONTRACT', TEST_ADMIN.name],
			['COST_PLAN', TEST_ADMIN.name],
			['COST_PLAN', TEST_ADMIN.name]
		]);
		expect(document.deliverables[1]).toMatchObject({ validatedByEmail: TEST_ADMIN.email });

		// The mission is lost, then restored from its backup on the same server.
		await api.missions.delete({ missionId });
		const restored = await api.documents.importMission({ document: JSON.parse(JSON.stringify(document)) });
		expect(restored.warnings).toEqual([]);
		const after = await views(restored.id);
		expect(after.finance).toEqual(before.finance);
		expect(after.plan).toEqual(before.plan);
		expect(withoutTime(await api.documents.exportMission({ missionId: restored.id }))).toEqual(withoutTime(document));

		// Back in its programme, for its beneficiary: the envelope reads the same.
		const programmeAfter = await api.programmes.get({ programmeId });
		for (const part of ['envelope', 'missions', 'funding', 'beneficiaries', 'orders', 'overruns'] as const) {
			expect(canonical(programmeAfter[part]), part).toEqual(canonical(programmeBefore[part]));
		}
		expect(programmeAfter.missions.map((m) => m.id)).toEqual([restored.id]);

		// People with an account are linked to it again, not only named.
		const rows = await t.db.deliverable.findFirstOrThrow({
			where: { missionId: restored.id, number: 2 },
			include: { submissions: true }
		});
		expect(rows.validatedById).toBe(TEST_ADMIN.id);
		expect(rows.submissions.map((s) => s.submittedById)).toEqual([TEST_ADMIN.id, TEST_ADMIN.id]);
	});

	it('says in the import report what it could not put back, and still restores the money', async () => {
		const { missionId, programmeId, programmeTitle } = await everyFeatureMission();
		const document = await api.documents.exportMission({ missionId });
		// The original is still in the programme: attaching the copy too would overrun the envelope.
		await api.programmes.update({ programmeId, envelopeCents: 2_500_000, expectedVersion: 1 });
		const copy = await api.documents.importMission({ document });
		expect(copy.warnings).toEqual([
			`La mission n’est pas rattachée au programme « ${programmeTitle} » : ce montant ferait dépasser l’enveloppe de ${formatEuros(2_500_000)} HT du programme « ${programmeTitle} » de ${formatEuros(1_500_000)} : réduisez-le, ou demandez à un gestionnaire du programme d’augmenter l’enveloppe.`
		]);
		expect((await t.db.mission.findUniqueOrThrow({ where: { id: copy.id } })).programmeId).toBeNull();
		expect(await t.db.envelopeOverrun.count({ where: { programmeId } })).toBe(0);

		// Another server, without the programme: restored, and said.
		const other = await createTestDatabase();
		try {
			const otherApi = callerFor(other.db, TODAY);
			await otherApi.finance.setEcbRate({ halfYearStart: '2025-07-01', rateBp: 215 });
			await otherApi.finance.setEcbRate({ halfYearStart: '2026-01-01', rateBp: 215 });
			const elsewhere = await otherApi.documents.importMission({ document });
			expect(elsewhere.warnings).toEqual([
				`La mission appartenait au programme « ${programmeTitle} », absent de ce serveur : elle n’y est pas rattachée.`
			]);
			// The same money; only the programme, absent there, is missing.
			const detached = <T extends { mission: object }>(view: T) => ({
				...view,
				mission: { ...view.mission, programmeId: null, beneficiaryId: null }
			});
			expect(canonical(detached(await otherApi.finance.get({ missionId: elsewhere.id })))).toEqual(
				canonical(detached(await api.finance.get({ missionId })))
			);
		} finally {
			await other.close();
		}
	});

	it('still reads a version 1 backup: a public buyer at the legal rate, approvals of the cost plan', async () => {
		const { missionId } = await everyFeatureMission();
		const document = await api.documents.exportMission({ missionId });
		const {
			programme: _programme,
			mission: { buyerKind: _kind, latePaymentRateBp: _rate, ...mission },
			...rest
		} = document;
		const v1 = {
			...rest,
			version: 1,
			mission,
			overCapApprovals: document.overCapApprovals!.map(({ kind: _k, actorName: _a, ...a }) => a)
		};
		const { id, warnings } = await api.documents.importMission({ document: v1 });
		expect(warnings).toEqual([]);
		const row = await t.db.mission.findUniqueOrThrow({ where: { id }, include: { overCapApprovals: true } });
		expect(row).toMatchObject({ buyerKind: 'PUBLIC', latePaymentRateBp: null, programmeId: null });
		expect(row.overCapApprovals.map((a) => a.kind)).toEqual(['COST_PLAN', 'COST_PLAN', 'COST_PLAN']);
	});
});
