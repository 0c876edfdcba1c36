// The CUF 2025 mission, as its terms of reference describe it ("Étude sur la mobilisation des
// données et l'utilisation de l'IA…"). Where the document's calendar and its relative deadlines
// disagree (diagnostic "6 semaines après démarrage" but "semaine du 9 février 2026"), both are
// kept as written: the app shows the gap instead of fixing the document.
import type { Database } from './db';

const KICKOFF = '2025-11-24';

type Phase = { name: string; tasks: [key: string, name: string, start: string, end: string][] };

const PHASES: Phase[] = [
	{
		name: 'Cadrage & contractualisation',
		tasks: [
			['kickoff-meeting', 'Réunion de cadrage et validation de la méthodologie', '2025-11-24', '2025-11-25'],
			['contract', 'Signature du contrat et plan de travail détaillé', '2025-11-26', '2025-11-28']
		]
	},
	{
		name: 'Phase 1 — Audit de l’architecture de données',
		tasks: [
			['interviews-direction', 'Entretiens : direction', '2025-12-01', '2025-12-01'],
			[
				'interviews-membership-comms',
				'Entretiens : responsable des adhésions et responsable com',
				'2025-12-02',
				'2025-12-02'
			],
			['interviews-accounting-it', 'Entretiens : comptabilité et informaticien', '2025-12-03', '2025-12-03'],
			['interviews-team', 'Entretiens : équipe des chargé·es de mission', '2025-12-04', '2025-12-04'],
			['data-mapping', 'Cartographie des flux et analyse de la qualité des données', '2025-12-02', '2025-12-09'],
			['governance-review', 'Revue de la gouvernance, conformité (RGPD) et sécurité', '2025-12-05', '2025-12-10'],
			['audit-report', 'Rédaction du rapport d’audit et de la carte mentale', '2025-12-10', '2025-12-12']
		]
	},
	{
		name: 'Phase 2 — Diagnostic IA (interne + externe)',
		tasks: [
			[
				'ai-workshops',
				'Diagnostic/action : ateliers IA avec l’équipe (fonctionnement, mythes et réalités, risques)',
				'2025-12-15',
				'2025-12-19'
			],
			['use-cases', 'Besoins fonctionnels et cas d’usage internes et externes', '2026-01-05', '2026-01-16'],
			['external-diagnostic', 'Diagnostic externe : collectivités membres et partenaires', '2026-01-12', '2026-01-30'],
			['benchmark', 'Benchmark technologique (outils, solutions open-source)', '2026-01-19', '2026-01-30'],
			[
				'diagnostic-report',
				'Rédaction du rapport diagnostique et des supports de sensibilisation',
				'2026-02-02',
				'2026-02-13'
			]
		]
	},
	{
		name: 'Phase 3 — Feuille de route Données + IA',
		tasks: [
			['prioritisation', 'Bilan des enjeux, priorisation et dimensionnement des actions', '2026-02-16', '2026-02-27'],
			['financial-estimates', 'Estimations financières et synergies avec les partenaires', '2026-03-02', '2026-03-06'],
			['training-outline', 'Trame de formation/sensibilisation pour l’AICT', '2026-03-02', '2026-03-11'],
			['roadmap-report', 'Rédaction de la feuille de route et du Gantt simplifié', '2026-03-09', '2026-03-18'],
			['final-presentation', 'Restitution finale', '2026-03-19', '2026-03-20']
		]
	}
];

const LINKS: [from: string, to: string][] = [
	['kickoff-meeting', 'contract'],
	['contract', 'interviews-direction'],
	['interviews-team', 'governance-review'],
	['data-mapping', 'audit-report'],
	['audit-report', 'ai-workshops'],
	['ai-workshops', 'use-cases'],
	['use-cases', 'benchmark'],
	['benchmark', 'diagnostic-report'],
	['diagnostic-report', 'prioritisation'],
	['prioritisation', 'financial-estimates'],
	['financial-estimates', 'roadmap-report'],
	['roadmap-report', 'final-presentation']
];

export const CUF_MISSION_TITLE =
	'Étude sur la mobilisation des données et l’utilisation de l’IA dans l’Action Internationale des Collectivités Territoriales';

/** Creates the CUF mission and returns its id. */
export async function seedCufMission(db: Database): Promise<string> {
	return db.$transaction(async (tx) => {
		const mission = await tx.mission.create({
			data: {
				title: CUF_MISSION_TITLE,
				clientOrganisation: 'Cités Unies France',
				reference: 'CUF-DATA-IA-2025',
				kickoffDate: KICKOFF,
				plannedEndDate: '2026-03-20',
				budgetCapCents: 2_000_000,
				capBasis: 'TTC',
				vatRateBp: 2000,
				status: 'ACTIVE'
			}
		});
		const missionId = mission.id;

		const taskIds = new Map<string, string>();
		let sortOrder = 0;
		for (const phase of PHASES) {
			const starts = phase.tasks.map((t) => t[2]).sort();
			const ends = phase.tasks.map((t) => t[3]).sort();
			const phaseRow = await tx.task.create({
				data: {
					missionId,
					kind: 'PHASE',
					name: phase.name,
					startDate: starts[0]!,
					endDate: ends[ends.length - 1]!,
					sortOrder: (sortOrder += 10)
				}
			});
			for (const [key, name, startDate, endDate] of phase.tasks) {
				const task = await tx.task.create({
					data: {
						missionId,
						parentId: phaseRow.id,
						kind: 'TASK',
						name,
						startDate,
						endDate,
						sortOrder: (sortOrder += 10)
					}
				});
				taskIds.set(key, task.id);
			}
		}
		for (const [from, to] of LINKS) {
			await tx.dependency.create({
				data: { missionId, predecessorId: taskIds.get(from)!, successorId: taskIds.get(to)!, type: 'FS', lagDays: 0 }
			});
		}

		const week = (name: string, kind: 'SELECTION' | 'STEERING' | 'DELIVERY', monday: string, order: number) =>
			tx.milestone.create({
				data: { missionId, name, kind, dateRuleKind: 'FIXED_DATE', fixedDate: monday, isWeek: true, sortOrder: order }
			});
		await tx.milestone.create({
			data: {
				missionId,
				name: 'Publication de l’appel d’offres',
				kind: 'SELECTION',
				fixedDate: '2025-10-24',
				sortOrder: 1
			}
		});
		await tx.milestone.create({
			data: {
				missionId,
				name: 'Soumission des offres',
				kind: 'SELECTION',
				fixedDate: '2025-11-13',
				timeOfDay: '23:59',
				sortOrder: 2
			}
		});
		await week('Sélection des candidats', 'SELECTION', '2025-11-17', 3);
		// The kick-off itself: relative (offset 0), so it follows any change of the kick-off date.
		const signature = await tx.milestone.create({
			data: {
				missionId,
				name: 'Cadrage & contractualisation (démarrage)',
				kind: 'CONTRACT',
				dateRuleKind: 'OFFSET',
				offset: 0,
				offsetUnit: 'DAYS',
				isWeek: true,
				sortOrder: 4
			}
		});
		await week('Pré-diagnostic & premières recommandations', 'STEERING', '2025-12-08', 5);
		await week('Livraison du diagnostic complet', 'DELIVERY', '2026-02-09', 6);
		await week('Livraison finale de la feuille de route', 'DELIVERY', '2026-03-16', 7);

		const deliverable = (
			number: number,
			title: string,
			description: string,
			expectedFormat: string,
			weeks: number,
			plannedDate: string
		) =>
			tx.deliverable.create({
				data: {
					missionId,
					number,
					title,
					description,
					expectedFormat,
					dueRuleKind: 'OFFSET',
					dueOffset: weeks,
					dueOffsetUnit: 'WEEKS',
					plannedDate
				}
			});
		await deliverable(
			1,
			'Audit de l’architecture de données au sein de Cités Unies France',
			'Cartographie des flux, analyse de la qualité, revue de la gouvernance, conformité, sécurité. Échanges avec l’équipe, la direction, la responsable des adhésions, la responsable com, la comptabilité, l’informaticien.',
			'Rapport d’audit condensé en PDF + annexes (dont si possible une carte mentale interactive)',
			3,
			'2025-12-12'
		);
		const diagnostic = await deliverable(
			2,
			'Diagnostic IA (interne + externe)',
			'État des lieux, besoins fonctionnels, cas d’usage, benchmark technologique ; diagnostic/action pour la montée en compétence de l’équipe.',
			'Rapport diagnostique PDF + annexes (dont éventuels supports d’animation/sensibilisation à destination de l’équipe)',
			6,
			'2026-02-13'
		);
		const roadmap = await deliverable(
			3,
			'Feuille de route Données + IA',
			'Recommandations opérationnelles, plan d’action détaillé (Gantt simplifié), estimations financières, trame de formation/sensibilisation.',
			'Document récapitulatif au format PDF, diagramme de Gantt, annexes',
			15,
			'2026-03-20'
		);

		await tx.paymentTranche.create({
			data: {
				missionId,
				label: 'Signature du contrat',
				percentBp: 3000,
				sortOrder: 1,
				triggerKind: 'MILESTONE',
				triggerMilestoneId: signature.id
			}
		});
		await tx.paymentTranche.create({
			data: {
				missionId,
				label: 'Mi-mission (diagnostic validé)',
				percentBp: 4000,
				sortOrder: 2,
				triggerKind: 'DELIVERABLE_VALIDATION',
				triggerDeliverableId: diagnostic.id
			}
		});
		await tx.paymentTranche.create({
			data: {
				missionId,
				label: 'Livraison finale (feuille de route validée)',
				percentBp: 3000,
				sortOrder: 3,
				kind: 'SOLDE',
				triggerKind: 'DELIVERABLE_VALIDATION',
				triggerDeliverableId: roadmap.id
			}
		});

		const organisation = 'Cités Unies France';
		await tx.contact.createMany({
			data: [
				{ missionId, organisation, name: 'Virginie Rouquette', jobTitle: 'Directrice Générale', role: 'SUPERVISION' },
				{ missionId, organisation, name: 'Katarina Fotic', jobTitle: 'Responsable Communication', role: 'SUPERVISION' },
				{
					missionId,
					organisation,
					name: 'Frédérique Proust',
					jobTitle: 'Cheffe de service Finance et Comptabilité',
					role: 'SUPERVISION'
				},
				{
					missionId,
					organisation,
					name: 'David-Pierre Giudicelli',
					jobTitle: 'Chargé de mission',
					role: 'COORDINATION',
					email: 'd.giudicelli@cites-unies-france.org'
				},
				{
					missionId,
					organisation,
					name: 'Magali Combe',
					jobTitle: 'Chargée de mission',
					role: 'COORDINATION',
					email: 'm.combe@cites-unies-france.org'
				}
			]
		});
		return missionId;
	});
}

/** Seeds the CUF mission when the database holds no mission at all (first start). */
export async function seedIfEmpty(db: Database): Promise<string | null> {
	if ((await db.mission.count()) > 0) return null;
	return seedCufMission(db);
}
