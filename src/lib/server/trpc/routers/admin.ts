// Administration: accounts, roles on missions, and a person's data (RGPD export and erasure).
import { z } from 'zod';
import { passwordProblem, hashPassword } from '../../auth/passwords';
import { revokeAllSessions } from '../../auth/sessions';
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
				memberships: { select: { missionId: true, role: true } }
			}
		})
	),

	createUser: adminProcedure
		.input(
			z.object({
				email: z.email({ error: 'Adresse e-mail invalide.' }),
				name: text('Le nom', 100),
				password: z.string(),
				isAdmin: z.boolean().default(false)
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
				data: { email, name: input.name, isAdmin: input.isAdmin, passwordHash }
			});
			return { id: user.id };
		}),

	setPassword: adminProcedure.input(z.object({ userId: id, password: z.string() })).mutation(async ({ ctx, input }) => {
		const problem = passwordProblem(input.password);
		if (problem) throw new AppError('VALIDATION', problem);
		const passwordHash = await hashPassword(input.password);
		const updated = await ctx.db.user.updateMany({ where: { id: input.userId }, data: { passwordHash } });
		if (updated.count === 0) throw notFound('Compte');
		// A new password ends every open session of that account.
		await revokeAllSessions(ctx.db, input.userId);
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
