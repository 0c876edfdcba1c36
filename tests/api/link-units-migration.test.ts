// The migration to link types and working-day lags keeps every stored date, and the plan it
// leaves recomputes to the same dates: links made before it keep their calendar-day lags.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pushSuccessors, type ScheduleLink } from '$lib/domain/schedule';
import { openDatabase, type Database as PrismaDatabase } from '$lib/server/db';
import { seedCufMission } from '$lib/server/seed';
import { callerFor, createTestDatabase, type TestDatabase, storedVersion } from '../support/test-database';

const MIGRATIONS = path.resolve('prisma/migrations');
const MIGRATION = fs.readdirSync(MIGRATIONS).find((d) => d.endsWith('_working_day_links_and_anchors'))!;

let source: TestDatabase;
let dir: string;
let migrated: PrismaDatabase | null = null;

beforeAll(async () => {
	source = await createTestDatabase();
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalon-migration-'));
});
afterAll(async () => {
	await migrated?.$disconnect();
	await source.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

const DATES = {
	tasks: 'SELECT id, startDate, endDate FROM "Task" ORDER BY id',
	deliverables: 'SELECT id, plannedDate FROM "Deliverable" ORDER BY id',
	milestones: 'SELECT id, fixedDate, offset, offsetUnit FROM "Milestone" ORDER BY id',
	mission: 'SELECT id, kickoffDate, plannedEndDate FROM "Mission" ORDER BY id'
};

it('keeps every stored date, makes old lags elapsed-day lags, and the plan recomputes to the same dates', async () => {
	// The CUF mission, with calendar-day lags that hold exactly as calendar days: the audit
	// report ends Friday 12 December, the workshops start Monday 15 (2 days later).
	const missionId = await seedCufMission(source.db);
	const plan = await callerFor(source.db).missions.get({ missionId });
	const named = (prefix: string) => plan.tasks.find((t) => t.name.startsWith(prefix))!.id;
	await source.db.dependency.updateMany({
		where: { predecessorId: named('Rédaction du rapport d’audit'), successorId: named('Diagnostic/action') },
		data: { lagDays: 2 }
	});
	await source.db.dependency.create({
		data: {
			missionId,
			predecessorId: named('Besoins fonctionnels'),
			successorId: named('Diagnostic externe'),
			lagDays: -5
		}
	});

	// A database as it was before the migration, holding that mission.
	const file = path.join(dir, 'before.db');
	const old = new Database(file);
	for (const migration of fs
		.readdirSync(MIGRATIONS)
		.filter((d) => d < MIGRATION && !d.endsWith('.toml'))
		.sort()) {
		old.exec(fs.readFileSync(path.join(MIGRATIONS, migration, 'migration.sql'), 'utf8'));
	}
	old.exec(`ATTACH DATABASE '${source.file.replaceAll("'", "''")}' AS current`);
	old.pragma('foreign_keys = OFF');
	for (const table of ['Mission', 'Task', 'Dependency', 'Deliverable', 'Milestone', 'PaymentTranche', 'Contact']) {
		const columns = (old.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[])
			.map((c) => `"${c.name}"`)
			.join(', ');
		old.exec(`INSERT INTO main."${table}" (${columns}) SELECT ${columns} FROM current."${table}"`);
	}
	old.exec('DETACH DATABASE current');
	const snapshot = () => Object.fromEntries(Object.entries(DATES).map(([k, sql]) => [k, old.prepare(sql).all()]));
	const datesBefore = snapshot();
	expect((datesBefore.tasks as unknown[]).length).toBe(plan.tasks.length);

	old.exec(fs.readFileSync(path.join(MIGRATIONS, MIGRATION, 'migration.sql'), 'utf8'));
	expect(snapshot()).toEqual(datesBefore);
	expect(old.prepare('SELECT DISTINCT lagUnit FROM "Dependency"').all()).toEqual([{ lagUnit: 'ELAPSED_DAYS' }]);
	// Links created afterwards count working days unless told otherwise.
	expect(
		(
			old.prepare(`SELECT dflt_value FROM pragma_table_info('Dependency') WHERE name = 'lagUnit'`).get() as {
				dflt_value: string;
			}
		).dflt_value
	).toBe("'WORKING_DAYS'");
	// Then whatever migrations came after it, as an upgrade applies them.
	for (const migration of fs
		.readdirSync(MIGRATIONS)
		.filter((d) => d > MIGRATION && !d.endsWith('.toml'))
		.sort()) {
		old.exec(fs.readFileSync(path.join(MIGRATIONS, migration, 'migration.sql'), 'utf8'));
	}
	expect(snapshot()).toEqual(datesBefore);
	old.close();

	// The migrated plan: every link holds, nothing would be pushed by a recomputation...
	migrated = await openDatabase(`file:${file}`);
	const after = await callerFor(migrated).missions.get({ missionId });
	const tasks = after.tasks.map((t) => ({ id: t.id, name: t.name, start: t.startDate, end: t.endDate }));
	const links: ScheduleLink[] = after.dependencies;
	expect(links).toHaveLength(13);
	expect(pushSuccessors(tasks, links)).toEqual([]);
	// ...whereas the same lags read as working days would move the workshops: the unit matters.
	const asWorkingDays = links.map((l) => ({ ...l, lagUnit: 'WORKING_DAYS' as const }));
	expect(pushSuccessors(tasks, asWorkingDays).map((t) => t.name)).toContain(
		plan.tasks.find((t) => t.name.startsWith('Diagnostic/action'))!.name
	);

	// ...and an edit elsewhere moves nothing else.
	const training = after.tasks.find((t) => t.name.startsWith('Trame de formation'))!;
	await callerFor(migrated).tasks.move({
		taskId: training.id,
		startDate: '2026-03-03',
		endDate: '2026-03-12',
		expectedVersion: await storedVersion(callerFor(migrated), 'task', training.id)
	});
	const edited = await callerFor(migrated).missions.get({ missionId });
	const others = (p: typeof after) =>
		p.tasks.filter((t) => t.id !== training.id).map((t) => [t.id, t.startDate, t.endDate]);
	expect(others(edited)).toEqual(others(after));
	expect(edited.deliverables.map((d) => d.plannedDate)).toEqual(after.deliverables.map((d) => d.plannedDate));
});
