// What a programme section says after an action: the confirmation, or the refusal, never both.
import { describe, expect, it } from 'vitest';
import { TRPCClientError } from '@trpc/client';
import { ActionStatus } from './action-status.svelte';

describe('ActionStatus', () => {
	it('shows what a successful action answers, and clears the last refusal', async () => {
		const status = new ActionStatus();
		status.refuse('Code manquant.');
		await expect(status.run(async () => 'Ligne EXP ajoutée au bordereau.')).resolves.toBe(true);
		expect([status.message, status.error]).toEqual(['Ligne EXP ajoutée au bordereau.', '']);
	});

	it('shows the server’s French refusal, and a network failure as such', async () => {
		const status = new ActionStatus();
		const refusal = new TRPCClientError('La ligne EXP est utilisée par la commande n° 1.');
		await expect(
			status.run(async () => {
				throw refusal;
			})
		).resolves.toBe(false);
		expect([status.message, status.error]).toEqual(['', 'La ligne EXP est utilisée par la commande n° 1.']);
		await status.run(async () => {
			throw new TypeError('fetch failed');
		});
		expect(status.error).toBe('Le serveur ne répond pas. La modification n’a pas été enregistrée.');
	});
});
