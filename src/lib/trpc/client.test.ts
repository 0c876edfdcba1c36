import { TRPCClientError } from '@trpc/client';
import { describe, expect, it, vi } from 'vitest';

const move = vi.fn(async (input: unknown) => ({ moved: input }));
vi.mock('./http-client', () => ({ client: { tasks: { move: { mutate: move } } } }));

const { api, errorCode, errorMessage, fieldErrors } = await import('./client');

describe('the deferred API client', () => {
	it('passes a call, with its input, to the real client once loaded, and returns its answer', async () => {
		const answer = await api.tasks.move.mutate({ missionId: 'm', taskId: 't', expectedVersion: 3 } as never);
		expect(move).toHaveBeenCalledWith({ missionId: 'm', taskId: 't', expectedVersion: 3 });
		expect(answer).toEqual({ moved: { missionId: 'm', taskId: 't', expectedVersion: 3 } });
	});

	it('is not mistaken for a promise (awaiting a branch of it does not call anything)', async () => {
		move.mockClear();
		const branch: unknown = await (api.tasks as unknown);
		expect(typeof branch).toBe('function');
		expect(move).not.toHaveBeenCalled();
	});

	it("tells the API's refusals from network failures without the client's class", () => {
		const refusal = new TRPCClientError('La tâche a été modifiée entre-temps.', {
			result: {
				error: {
					message: 'x',
					code: -32600,
					data: { appCode: 'VERSION_CONFLICT', fieldErrors: { name: ['Trop long'] } }
				}
			}
		} as never);
		expect(errorMessage(refusal)).toBe('La tâche a été modifiée entre-temps.');
		expect(errorCode(refusal)).toBe('VERSION_CONFLICT');
		expect(fieldErrors(refusal)).toEqual({ name: ['Trop long'] });
		const network = new TypeError('Failed to fetch');
		expect(errorMessage(network)).toBe('Le serveur ne répond pas. La modification n’a pas été enregistrée.');
		expect(errorCode(network)).toBeUndefined();
		expect(fieldErrors(network)).toEqual({});
	});
});
