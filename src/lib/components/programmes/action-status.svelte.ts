// What a section of the programme page says after an action: the confirmation, or the server's
// refusal in French. One action at a time clears what the last one said.
import { errorMessage } from '$lib/trpc/client';

export class ActionStatus {
	message = $state('');
	error = $state('');

	clear(): void {
		this.message = '';
		this.error = '';
	}

	/** Runs `action`; what it answers is the confirmation, what it throws becomes the error. */
	async run(action: () => Promise<string>): Promise<boolean> {
		this.clear();
		try {
			this.message = await action();
			return true;
		} catch (e) {
			this.error = errorMessage(e);
			return false;
		}
	}

	/** A refusal found before anything was sent (a draft that does not read). */
	refuse(reason: string): void {
		this.message = '';
		this.error = reason;
	}
}
