// Administration: accounts, roles on missions, and a person's data (RGPD export and erasure).
import { z } from 'zod';
import { passwordProblem, hashPassword } from '../../auth/passwords';
import { revokeAllSessions } from '../../auth/sessions';
import { revokeFeedsOf, setAccountDisabled } from '../../auth/accounts';
import { recordAudit } from '../../audit';
import { id, text } from '$lib/schemas';
import { adminProcedure, AppError, notFound, router } from '../trpc';

const role = z.enum(['COORDINATOR', 'SUPERVISOR', 'FINANCE', 'VIEWER'], { error: 'Rôle inconnu.' });

export const adminRouter = router({
	users: adminProcedure.query(({ ctx }) =>
		ctx.db.user.findMany({
			orderBy: { email: 'asc' },
			select: {
				id: true,
				email: true,
				name: true,
				isAdmin: true,
				disabledAt: true,
				canCreateMissions: true,
				memberships: { select: { missionId: true, role: true } }
			}
		})
	),

	/** Disabling an account ends its sessions and calendar feeds at once; it cannot log in again until enabled. */
	setDisabled: adminProcedure
		.input(z.object({ userId: id, disabled: z.boolean() }))
		.mutation(async ({ ctx, input }) => {
			await setAccountDisabled(ctx.db, ctx.user!, input.userId, input.disabled);
			return { ok: true };
		}),

	/** Grants (true) or withdraws (false) the right to create missions; null: the default (coordinators have it). */
	setMissionCreation: adminProcedure
		.input(z.object({ userId: id, allowed: z.boolean().nullable() }))
		.mutation(async ({ ctx, input }) => {
			const updated = await ctx.db.user.updateMany({
				where: { id: input.userId },
				data: { canCreateMissions: input.allowed }
			});
			if (updated.count === 0) throw notFound('Compte');
			return { ok: true };
		}),

	/** Every saved template, for publishing: a template is private to its author until published. */
	templates: adminProcedure.query(({ ctx }) =>
		ctx.db.missionTemplate.findMany({
			orderBy: { name: 'asc' },
			select: { id: true, name: true, description: true, published: true, createdById: true }
		})
	),

	publishTemplate: adminProcedure
		.input(z.object({ templateId: id, published: z.boolean() }))
		.mutation(async ({ ctx, input }) => {
			const updated = await ctx.db.missionTemplate.updateMany({
				where: { id: input.templateId },
				data: { published: input.published }
			});
			if (updated.count === 0) throw notFound('Modèle');
			return { ok: true };
		}),

	createUser: adminProcedure
		.input(
			z.object({
				email: z.email({ error: 'Adresse e-mail invalide.' }),
				name: text('Le nom', 100),
				password: z.string(),
				isAdmin: z.boolean().default(false),
				/** Null: the default (the right comes with a coordination role). */
				canCreateMissions: z.boolean().nullable().default(null),
				/** The password is the administrator's choice: its owner changes it at first log-in. */
				mustChangePassword: z.boolean().default(false)
			})
		)
		.mutation(async ({ ctx, input }) => {
			const problem = passwordProblem(input.password);
			if (problem) throw new AppError('VALIDATION', problem);
			const email = input.email.trim().toLowerCase();
			if (await ctx.db.user.findUnique({ where: { email } }))
				throw new AppError('CONFLICT', 'Un compte existe déjà avec cette adresse.');
			const passwordHash = await hashPassword(input.password);
			const user = await ctx.db.user.create({
				data: {
					email,
					name: input.name,
					isAdmin: input.isAdmin,
					canCreateMissions: input.canCreateMissions,
					mustChangePassword: input.mustChangePassword,
					passwordHash
				}
			});
			return { id: user.id };
		}),

	setPassword: adminProcedure
		.input(z.object({ userId: id, password: z.string(), mustChangePassword: z.boolean().default(false) }))
		.mutation(async ({ ctx, input }) => {
			const problem = passwordProblem(input.password);
			if (problem) throw new AppError('VALIDATION', problem);
			const passwordHash = await hashPassword(input.password);
			// A new password ends every open session and calendar feed of that account.
			await ctx.db.$transaction(async (tx) => {
				const updated = await tx.user.updateMany({
					where: { id: input.userId },
					data: { passwordHash, mustChangePassword: input.mustChangePassword }
				});
				if (updated.count === 0) throw notFound('Compte');
				await revokeAllSessions(tx, input.userId);
				await revokeFeedsOf(tx, input.userId);
			});
			return { ok: true };
		}),

	grantRole: adminProcedure.input(z.object({ userId: id, missionId: id, role })).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			if (!(await tx.user.findUnique({ where: { id: input.userId } }))) throw notFound('Compte');
			if (!(await tx.mission.findUnique({ where: { id: input.missionId } }))) throw notFound('Mission');
			await tx.membership.upsert({
				where: { userId_missionId_role: input },
				update: {},
				create: input
			});
			await recordAudit(tx, ctx.user, {
				missionId: input.missionId,
				objectType: 'membership',
				objectId: input.userId,
				action: 'create',
				after: { role: input.role }
			});
			return { ok: true };
		})
	),

	revokeRole: adminProcedure.input(z.object({ userId: id, missionId: id, role })).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			await tx.membership.deleteMany({ where: input });
			// With no role left on the mission, the calendar feeds the person made of it die too.
			if ((await tx.membership.count({ where: { userId: input.userId, missionId: input.missionId } })) === 0) {
				await revokeFeedsOf(tx, input.userId, input.missionId);
			}
			await recordAudit(tx, ctx.user, {
				missionId: input.missionId,
				objectType: 'membership',
				objectId: input.userId,
				action: 'delete',
				before: { role: input.role }
			});
			return { ok: true };
		})
	),

	/** Everything Jalon holds about a person named as a contact (RGPD right of access). */
	exportPerson: adminProcedure
		.input(z.object({ email: z.email({ error: 'Adresse e-mail invalide.' }) }))
		.query(async ({ ctx, input }) => {
			const email = input.email.trim().toLowerCase();
			const [contacts, user] = await Promise.all([
				ctx.db.contact.findMany({ where: { email }, include: { mission: { select: { title: true } } } }),
				ctx.db.user.findUnique({
					where: { email },
					select: { email: true, name: true, createdAt: true, memberships: { select: { missionId: true, role: true } } }
				})
			]);
			return { email, contacts, account: user };
		}),

	/** Erases a contact's personal data; the trail keeps the fact of the erasure, not the data. */
	eraseContact: adminProcedure.input(z.object({ contactId: id })).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const contact = await tx.contact.findUnique({ where: { id: input.contactId } });
			if (!contact) throw notFound('Contact');
			await tx.contact.delete({ where: { id: contact.id } });
			// Earlier audit rows may quote the person's details: they are blanked too.
			await tx.auditEvent.updateMany({
				where: { objectType: 'contact', objectId: contact.id },
				data: { before: null, after: null }
			});
			await recordAudit(tx, ctx.user, {
				missionId: contact.missionId,
				objectType: 'contact',
				objectId: contact.id,
				action: 'erase'
			});
			return { ok: true };
		})
	)
});
