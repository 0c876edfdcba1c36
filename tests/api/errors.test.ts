// Invalid inputs: typed errors (tRPC code and application code), French messages, no leak of
// internals, and the stored mission left exactly as it was.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { ZodError } from 'zod';
import type { MissionPlan } from '$lib/domain/mission-plan';
import type { MissionDocument } from '$lib/mission-document';
import { pageError } from '$lib/server/page-error';
import { appRouter } from '$lib/server/trpc/root';
import type { AppErrorCode } from '$lib/server/trpc/trpc';
import { createTestDatabase, storedVersion, TEST_ADMIN, type TestDatabase } from '../support/test-database';
import {
	expectAppError,
	expectFrench,
	expectHttpError,
	httpMutation,
	seededMission,
	taskNamed,
	TODAY,
	type Caller
} from '../support/api';

let database: TestDatabase;
let api: Caller;
let missionId: string;
let before: MissionPlan;

beforeAll(async () => {
	database = await createTestDatabase();
	({ missionId, api } = await seededMission(database.db));
});

afterAll(async () => {
	await database.close();
});

beforeEach(async () => {
	before = await api.missions.get({ missionId });
});

const id = (prefix: string) => taskNamed(before, prefix).id;

interface Case {
	title: string;
	path: 'tasks.update' | 'tasks.create' | 'tasks.link';
	input: () => Record<string, unknown>;
	code: 'BAD_REQUEST' | 'NOT_FOUND' | 'CONFLICT';
	status: number;
	appCode: AppErrorCode;
	/** The French message, or a part of it. */
	message: string | RegExp;
	/** For input validation: the field the message is attached to. */
	field?: string;
	/** Sent as is: without the version the update is based on (every other case gets it). */
	noVersion?: true;
}

const cases: Case[] = [
	{
		title: 'an end before the start of a task',
		path: 'tasks.update',
		input: () => ({ taskId: id('Benchmark'), name: 'Not saved', startDate: '2026-01-30', endDate: '2026-01-19' }),
		code: 'BAD_REQUEST',
		status: 400,
		appCode: 'END_BEFORE_START',
		message: 'La date de fin doit être postérieure ou égale à la date de début.'
	},
	{
		title: 'an end before the start of a new task',
		path: 'tasks.create',
		input: () => ({ missionId, name: 'Nouvelle tâche', startDate: '2026-01-30', endDate: '2026-01-19' }),
		code: 'BAD_REQUEST',
		status: 400,
		appCode: 'VALIDATION',
		message: 'La date de fin doit être postérieure ou égale à la date de début.',
		field: 'endDate'
	},
	{
		title: 'a progress of 101',
		path: 'tasks.update',
		input: () => ({ taskId: id('Benchmark'), progress: 101 }),
		code: 'BAD_REQUEST',
		status: 400,
		appCode: 'VALIDATION',
		message: 'L’avancement : au plus 100.',
		field: 'progress'
	},
	{
		title: 'a progress of -1',
		path: 'tasks.update',
		input: () => ({ taskId: id('Benchmark'), progress: -1 }),
		code: 'BAD_REQUEST',
		status: 400,
		appCode: 'VALIDATION',
		message: 'L’avancement : au moins 0.',
		field: 'progress'
	},
	{
		title: 'a progress that is not a number',
		path: 'tasks.update',
		input: () => ({ taskId: id('Benchmark'), progress: 'half' }),
		code: 'BAD_REQUEST',
		status: 400,
		appCode: 'VALIDATION',
		message: 'L’avancement : nombre attendu.',
		field: 'progress'
	},
	{
		title: 'an unknown task id',
		path: 'tasks.update',
		input: () => ({ taskId: 'no-such-task', startDate: '2026-01-05', endDate: '2026-01-06' }),
		code: 'NOT_FOUND',
		status: 404,
		appCode: 'NOT_FOUND',
		message: 'Tâche introuvable.'
	},
	{
		title: 'an unknown predecessor',
		path: 'tasks.link',
		input: () => ({ predecessorId: 'no-such-task', successorId: id('Benchmark') }),
		code: 'NOT_FOUND',
		status: 404,
		appCode: 'NOT_FOUND',
		message: 'Tâche prédécesseur introuvable.'
	},
	{
		title: 'a dependency cycle',
		path: 'tasks.link',
		// The audit report leads, link after link, to the final presentation.
		input: () => ({ predecessorId: id('Restitution finale'), successorId: id('Rédaction du rapport d’audit') }),
		code: 'BAD_REQUEST',
		status: 400,
		appCode: 'DEPENDENCY_CYCLE',
		message:
			'Ce lien créerait une boucle : « Restitution finale » dépend déjà de « Rédaction du rapport d’audit et de la carte mentale ».'
	},
	{
		title: 'a duplicate link',
		path: 'tasks.link',
		input: () => ({ predecessorId: id('Réunion de cadrage'), successorId: id('Signature du contrat'), lagDays: 2 }),
		code: 'CONFLICT',
		status: 409,
		appCode: 'DEPENDENCY_EXISTS',
		message: 'Ces deux tâches sont déjà liées.'
	},
	{
		title: 'a link from a task to itself',
		path: 'tasks.link',
		input: () => ({ predecessorId: id('Benchmark'), successorId: id('Benchmark') }),
		code: 'BAD_REQUEST',
		status: 400,
		appCode: 'DEPENDENCY_CYCLE',
		message: 'Une tâche ne peut pas dépendre d’elle-même.'
	},
	{
		title: 'a malformed date (30 February)',
		path: 'tasks.update',
		input: () => ({ taskId: id('Benchmark'), startDate: '2025-02-30', endDate: '2026-01-30' }),
		code: 'BAD_REQUEST',
		status: 400,
		appCode: 'VALIDATION',
		message: 'Date de début : date invalide (format attendu AAAA-MM-JJ).',
		field: 'startDate'
	},
	{
		title: 'a date that is not a calendar date',
		path: 'tasks.update',
		input: () => ({ taskId: id('Benchmark'), endDate: '30/01/2026' }),
		code: 'BAD_REQUEST',
		status: 400,
		appCode: 'VALIDATION',
		message: 'Date de fin : date invalide (format attendu AAAA-MM-JJ).',
		field: 'endDate'
	},
	{
		title: 'an update without the version it is based on',
		path: 'tasks.update',
		input: () => ({ taskId: id('Benchmark'), progress: 10 }),
		noVersion: true,
		code: 'BAD_REQUEST',
		status: 400,
		appCode: 'VALIDATION',
		message: 'Version manquante : rechargez la page avant d’enregistrer.',
		field: 'expectedVersion'
	},
	{
		title: 'a link without the version of its successor',
		path: 'tasks.link',
		input: () => ({ predecessorId: id('Benchmark'), successorId: id('Restitution finale') }),
		noVersion: true,
		code: 'BAD_REQUEST',
		status: 400,
		appCode: 'VALIDATION',
		message: 'Version manquante : rechargez la page avant d’enregistrer.',
		field: 'expectedVersion'
	},
	{
		title: 'a missing task id',
		path: 'tasks.update',
		input: () => ({ progress: 10 }),
		code: 'BAD_REQUEST',
		status: 400,
		appCode: 'VALIDATION',
		message: 'Identifiant manquant.',
		field: 'taskId'
	}
];

/** The case's input with the version its update is based on (a link: its successor's), as the interface sends it. */
function inputOf(c: Case): Record<string, unknown> {
	const input = c.input();
	if (c.noVersion || c.path === 'tasks.create') return input;
	const taskId = c.path === 'tasks.link' ? input.successorId : input.taskId;
	return { ...input, expectedVersion: before.tasks.find((t) => t.id === taskId)?.version ?? 1 };
}

function callDirect(path: Case['path'], input: Record<string, unknown>): Promise<unknown> {
	// Invalid inputs on purpose: the API must check them at run time.
	switch (path) {
		case 'tasks.update':
			return api.tasks.update(input as never);
		case 'tasks.create':
			return api.tasks.create(input as never);
		case 'tasks.link':
			return api.tasks.link(input as never);
	}
}

describe.each(cases)('refuses $title', (c) => {
	it(`with ${c.code} / ${c.appCode} through a direct caller, changing nothing`, async () => {
		const error = await expectAppError(
			callDirect(c.path, inputOf(c)),
			c.code,
			c.appCode === 'VALIDATION' ? undefined : c.appCode
		);
		if (c.appCode === 'VALIDATION') expect(error.cause).toBeInstanceOf(ZodError);
		expect(await api.missions.get({ missionId })).toEqual(before);
	});

	it(`with a formatted ${c.appCode} error and a French message over HTTP, changing nothing`, async () => {
		const error = await expectHttpError(database.db, c.path, inputOf(c), {
			status: c.status,
			code: c.code,
			appCode: c.appCode
		});
		if (typeof c.message === 'string') expect(error.message).toBe(c.message);
		else expect(error.message).toMatch(c.message);
		expectFrench(error.message);
		if (c.field) {
			expect(error.data.fieldErrors).toEqual({ [c.field]: [error.message] });
		} else {
			expect(error.data.fieldErrors).toBeUndefined();
		}
		expect(await api.missions.get({ missionId })).toEqual(before);
	});
});

describe('other refusals', () => {
	it('reports every invalid field of one input in French', async () => {
		const error = await expectHttpError(
			database.db,
			'tasks.create',
			{ missionId, name: '   ', startDate: '2026-13-01', endDate: '2026-01-10', progress: 101 },
			{ status: 400, code: 'BAD_REQUEST', appCode: 'VALIDATION' }
		);
		expect(error.data.fieldErrors).toEqual({
			name: ['Le nom de la tâche est obligatoire.'],
			startDate: ['Date de début : date invalide (format attendu AAAA-MM-JJ).'],
			// No "end before start" on top of an invalid start date: one message per real problem.
			progress: ['L’avancement : au plus 100.']
		});
		expectFrench(error.message);
		expect(await api.missions.get({ missionId })).toEqual(before);
	});

	it('refuses an unknown mission', async () => {
		const error = await expectAppError(api.missions.get({ missionId: 'no-such-mission' }), 'NOT_FOUND', 'NOT_FOUND');
		expect(error.message).toBe('Mission introuvable.');
	});

	it('refuses a mission whose planned end precedes its kick-off', async () => {
		await expectAppError(
			api.missions.update({ missionId, expectedVersion: before.mission.version, plannedEndDate: '2025-11-01' }),
			'BAD_REQUEST',
			'END_BEFORE_START'
		);
		const error = await expectHttpError(
			database.db,
			'missions.create',
			{
				title: 'T',
				clientOrganisation: 'C',
				kickoffDate: '2026-01-05',
				plannedEndDate: '2026-01-04',
				budgetCapCents: 100,
				capBasis: 'HT',
				vatRateBp: 2000
			},
			{ status: 400, code: 'BAD_REQUEST', appCode: 'VALIDATION' }
		);
		expect(error.message).toBe('La fin prévue ne peut pas précéder le démarrage.');
		expect(await api.missions.get({ missionId })).toEqual(before);
		expect(await api.missions.list()).toHaveLength(1);
	});

	it('hides internal errors: no stack trace, no database message, and the change is rolled back', async () => {
		// A trigger makes the database itself fail on one particular update.
		await database.db.$executeRawUnsafe(
			`CREATE TRIGGER refuse_secret BEFORE UPDATE ON "Task" WHEN NEW."name" = 'secret' BEGIN SELECT RAISE(ABORT, 'hidden trigger detail'); END`
		);
		try {
			const input = {
				taskId: id('Benchmark'),
				name: 'secret',
				progress: 50,
				expectedVersion: await storedVersion(api, 'task', id('Benchmark'))
			};
			const direct = await expectAppError(api.tasks.update(input), 'INTERNAL_SERVER_ERROR');
			// The server side keeps Prisma's error for its log.
			expect(direct.cause?.name).toBe('PrismaClientKnownRequestError');
			const internals = direct.cause!.message.split('\n').filter((line) => line.trim().length > 8);
			expect(internals.length).toBeGreaterThan(0);

			const { text } = await httpMutation(database.db, 'tasks.update', input);
			for (const line of internals) expect(text).not.toContain(line.trim());
			expect(text).not.toMatch(/hidden trigger detail|foreign key|routers\/tasks\.ts|tx\.task/i);
			const error = await expectHttpError(database.db, 'tasks.update', input, {
				status: 500,
				code: 'INTERNAL_SERVER_ERROR',
				appCode: 'INTERNAL'
			});
			expect(error.message).toBe('Erreur interne du serveur. La modification n’a pas été enregistrée.');
			expect(Object.keys(error.data).sort()).toEqual(['appCode', 'code', 'httpStatus', 'path']);
		} finally {
			await database.db.$executeRawUnsafe('DROP TRIGGER refuse_secret');
		}
		expect(await api.missions.get({ missionId })).toEqual(before);
	});
});

// Malformed calls found by fuzzing: each answered a 500, a library's English message or an echo of
// the request, or was stored. Each must be a 4xx with a typed code and a French message, change
// nothing, and leak nothing of the server's internals.
interface Malformed {
	title: string;
	method?: 'GET' | 'POST';
	path: string;
	/** The input, or the raw body when it is not JSON. */
	input?: (doc: MissionDocument) => unknown;
	rawBody?: string;
	status: number;
	appCode: AppErrorCode;
	/** The French message, or a part of it. */
	message?: string | RegExp;
}

const LONE_SURROGATE = 'Rapport \uD800 final';
const withDoc = (doc: MissionDocument, patch: Partial<MissionDocument>) => ({ document: { ...doc, ...patch } });
const ganWithLag = (lag: string) =>
	`<project name="Lag"><tasks><task id="1" name="A" start="2026-01-05" duration="2"><depend id="2" type="2" difference="${lag}"/></task><task id="2" name="B" start="2026-02-02" duration="2"/></tasks></project>`;

const malformed: Malformed[] = [
	{
		title: 'a lone surrogate in a hand-in comment',
		path: 'deliverables.transition',
		input: () => ({
			deliverableId: before.deliverables[0]!.id,
			action: 'START',
			comment: LONE_SURROGATE,
			expectedVersion: before.deliverables[0]!.version
		}),
		status: 400,
		appCode: 'VALIDATION',
		message: 'Le commentaire contient un caractère invisible ou invalide (caractère de contrôle) : retirez-le.'
	},
	{
		title: 'a lone surrogate in a hand-in link',
		path: 'deliverables.transition',
		input: () => ({
			deliverableId: before.deliverables[0]!.id,
			action: 'START',
			link: 'https://exemple.fr/rapport-\uD800.pdf',
			expectedVersion: before.deliverables[0]!.version
		}),
		status: 400,
		appCode: 'VALIDATION',
		message: 'Lien invalide : il contient un caractère invisible ou invalide.'
	},
	{
		title: 'a lone surrogate in a template name',
		path: 'documents.saveAsTemplate',
		input: () => ({ missionId, name: LONE_SURROGATE }),
		status: 400,
		appCode: 'VALIDATION',
		message: /Le nom du modèle contient un caractère invisible ou invalide/
	},
	{
		title: 'a lone surrogate in an over-cap comment',
		path: 'finance.saveProfile',
		input: () => ({ missionId, name: 'Junior', dayRateHtCents: 40_000, overCapComment: LONE_SURROGATE }),
		status: 400,
		appCode: 'VALIDATION',
		message: /Le commentaire contient un caractère invisible ou invalide/
	},
	{
		title: 'a lone surrogate in an account name',
		path: 'admin.createUser',
		input: () => ({ email: 'surrogate@test.fr', name: LONE_SURROGATE, password: 'un mot de passe long' }),
		status: 400,
		appCode: 'VALIDATION'
	},
	{
		title: 'a lone surrogate in a backup being restored',
		path: 'documents.importMission',
		input: (doc) => withDoc(doc, { mission: { ...doc.mission, title: LONE_SURROGATE } }),
		status: 400,
		appCode: 'VALIDATION',
		message: /Le titre contient un caractère invisible ou invalide/
	},
	{
		title: 'an expense on a phase that does not exist',
		path: 'finance.addExpense',
		input: () => ({
			missionId,
			phaseId: 'no-such-phase',
			label: 'Train',
			incurredOn: '2025-12-01',
			amountHtCents: 100
		}),
		status: 404,
		appCode: 'NOT_FOUND'
	},
	{
		title: 'an id of 65 characters',
		method: 'GET',
		path: 'missions.get',
		input: () => ({ missionId: 'x'.repeat(65) }),
		status: 400,
		appCode: 'VALIDATION',
		message: 'Identifiant invalide (64 caractères au plus).'
	},
	{
		title: 'a history filter of 41 characters',
		method: 'GET',
		path: 'audit.list',
		input: () => ({ missionId, objectType: 'x'.repeat(41) }),
		status: 400,
		appCode: 'VALIDATION',
		message: 'Le type d’objet : 40 caractères au maximum.'
	},
	{
		title: 'two deliverables with the same number in a backup',
		path: 'documents.importMission',
		input: (doc) => withDoc(doc, { deliverables: doc.deliverables.map((d) => ({ ...d, number: 1 })) }),
		status: 400,
		appCode: 'VALIDATION',
		message: /^Import refusé, rien n’a été créé — Deux livrables portent le numéro 1\./
	},
	{
		title: 'two profiles with the same name in a backup',
		path: 'documents.importMission',
		input: (doc) =>
			withDoc(doc, {
				costPlan: {
					profiles: [
						{ ref: 'p1', name: 'Expert', dayRateHtCents: 90_000 },
						{ ref: 'p2', name: 'Expert', dayRateHtCents: 80_000 }
					],
					lines: []
				}
			}),
		status: 400,
		appCode: 'VALIDATION',
		message: /Deux profils portent le nom « Expert »\./
	},
	{
		title: 'a lag of 1e308 in a link',
		path: 'tasks.link',
		input: () => ({
			predecessorId: id('Benchmark'),
			successorId: id('Restitution finale'),
			lagDays: 1e308,
			expectedVersion: taskNamed(before, 'Restitution finale').version
		}),
		status: 400,
		appCode: 'VALIDATION'
	},
	{
		title: 'a lag of 1e308 in a GanttProject file',
		path: 'documents.importProject',
		input: () => ({ content: ganWithLag('1e308'), clientOrganisation: 'C', budgetCapCents: 100 }),
		status: 400,
		appCode: 'VALIDATION',
		message: /décalage de 1e308 jours hors limites/
	},
	{
		title: 'a truncated MS Project file (the parser’s message stays in the server)',
		path: 'documents.importProject',
		input: () => ({
			content: '<?xml version="1.0"?><Project><Name>P</Name><Tasks><Task><UID>1</',
			clientOrganisation: 'C',
			budgetCapCents: 100
		}),
		status: 400,
		appCode: 'VALIDATION',
		message: /^Fichier MS Project incomplet : il s’arrête avant la fin du projet/
	},
	{
		title: 'an MS Project task ending on 9999-12-31',
		path: 'documents.importProject',
		input: () => ({
			content:
				'<Project><Tasks><Task><UID>1</UID><Name>A</Name><Start>2026-01-05T08:00:00</Start><Finish>9999-12-31T17:00:00</Finish></Task></Tasks></Project>',
			clientOrganisation: 'C',
			budgetCapCents: 100
		}),
		// Refused before it is even read, by the limits on heavy work (a plan of 10 years at most).
		status: 413,
		appCode: 'TOO_LARGE',
		message: /^Plan trop long : il s’étend du 05\/01\/2026 au 31\/12\/9999, 10 ans au plus\.$/
	},
	{
		title: 'a body that is not JSON (never echoed)',
		path: 'tasks.update',
		rawBody: '{"taskId": <script>secret-body-marker</script>',
		status: 400,
		appCode: 'VALIDATION',
		message: 'Requête illisible : le corps n’est pas un JSON valide.'
	},
	{
		title: 'a query sent as a POST',
		path: 'missions.get',
		input: () => ({ missionId }),
		status: 405,
		appCode: 'VALIDATION',
		message: 'Méthode HTTP non prise en charge par cette procédure.'
	},
	{
		title: 'a kick-off change that would push the plan past 2099',
		path: 'missions.update',
		input: () => ({ missionId, expectedVersion: before.mission.version, kickoffDate: '2099-12-01' }),
		status: 400,
		appCode: 'VALIDATION',
		message:
			/^Ce changement de démarrage placerait .* hors du calendrier accepté \(du 01\/01\/2000 au 31\/12\/2099\) : rien n’a été modifié\.$/
	},
	{
		title: 'a deliverable moved without the version it was based on',
		path: 'deliverables.update',
		input: () => ({ deliverableId: before.deliverables[0]!.id, plannedDate: '2025-12-15' }),
		status: 400,
		appCode: 'VALIDATION',
		message: 'Version manquante : rechargez la page avant d’enregistrer.'
	},
	{
		title: 'a task ending on 9999-12-31',
		path: 'tasks.update',
		input: () => ({
			taskId: id('Benchmark'),
			endDate: '9999-12-31',
			expectedVersion: taskNamed(before, 'Benchmark').version
		}),
		status: 400,
		appCode: 'VALIDATION',
		message: 'Date de fin : la date doit être entre le 01/01/2000 et le 31/12/2099.'
	}
];

/** One call through the real fetch adapter, as a browser or a script sends it. */
async function send(c: Malformed, doc: MissionDocument): Promise<{ status: number; text: string }> {
	const method = c.method ?? 'POST';
	const input = c.input?.(doc);
	const query = method === 'GET' ? `?input=${encodeURIComponent(JSON.stringify(input))}` : '';
	const response = await fetchRequestHandler({
		router: appRouter,
		createContext: () => ({ db: database.db, today: () => TODAY, user: TEST_ADMIN }),
		req: new Request(`http://localhost/api/trpc/${c.path}${query}`, {
			method,
			...(method === 'POST'
				? { headers: { 'content-type': 'application/json' }, body: c.rawBody ?? JSON.stringify(input) }
				: {})
		}),
		endpoint: '/api/trpc'
	});
	return { status: response.status, text: await response.text() };
}

describe.each(malformed)('a malformed request: $title', (c) => {
	it(`answers ${c.status} / ${c.appCode} in French, leaks nothing and changes nothing`, async () => {
		const doc = await api.documents.exportMission({ missionId });
		const missions = await database.db.mission.count();
		const { status, text } = await send(c, doc);
		expect(status).toBe(c.status);
		const { error } = JSON.parse(text) as HttpError;
		expect(error.data.appCode).toBe(c.appCode);
		if (typeof c.message === 'string') expect(error.message).toBe(c.message);
		else if (c.message) expect(error.message).toMatch(c.message);
		expectFrench(error.message);
		// Nothing of the server's internals, of a parser, or of the request itself goes out.
		expect(text).not.toMatch(
			/readTagExp|Closing Tag|Invalid calendar date|Unexpected token|JSON at position|secret-body-marker|prisma|sqlite|invocation|\bat .+:\d+:\d+/i
		);
		expect(await api.missions.get({ missionId })).toEqual(before);
		expect(await database.db.mission.count()).toBe(missions);
	});
});

interface HttpError {
	error: { message: string; data: { appCode: AppErrorCode } };
}

describe('a page load with a malformed address', () => {
	it('answers 400 with the API’s French message, not a 500', async () => {
		const refusal = await api.audit.list({ missionId, objectType: 'x'.repeat(41) }).catch((e: unknown) => e);
		expect(refusal).toBeInstanceOf(TRPCError);
		let thrown: unknown;
		try {
			pageError(refusal);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toMatchObject({ status: 400, body: { message: 'Le type d’objet : 40 caractères au maximum.' } });
	});
});
