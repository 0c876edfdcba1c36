// Invalid inputs: typed errors (tRPC code and application code), French messages, no leak of
// internals, and the stored mission left exactly as it was.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { MissionPlan } from '$lib/domain/mission-plan';
import type { AppErrorCode } from '$lib/server/trpc/trpc';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import {
	expectAppError,
	expectFrench,
	expectHttpError,
	httpMutation,
	seededMission,
	taskNamed,
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
			callDirect(c.path, c.input()),
			c.code,
			c.appCode === 'VALIDATION' ? undefined : c.appCode
		);
		if (c.appCode === 'VALIDATION') expect(error.cause).toBeInstanceOf(ZodError);
		expect(await api.missions.get({ missionId })).toEqual(before);
	});

	it(`with a formatted ${c.appCode} error and a French message over HTTP, changing nothing`, async () => {
		const error = await expectHttpError(database.db, c.path, c.input(), {
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
			const input = { taskId: id('Benchmark'), name: 'secret', progress: 50 };
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
