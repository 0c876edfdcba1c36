// The filters shared by the portfolio and the supervisors' dashboard (programme, beneficiary,
// status, period), as they read in the address: `?programme=…&beneficiaire=…&statut=…&du=…&au=…`.
// The address holds them so that a filtered view can be shared and the back button undoes a filter.
import type { IsoDate } from '$lib/domain/dates';
import { readFrenchDate } from '$lib/components/forms/date-input';

export const MISSION_STATUSES = ['DRAFT', 'ACTIVE', 'COMPLETED', 'CANCELLED'] as const;
export type MissionStatus = (typeof MISSION_STATUSES)[number];

export interface MissionFilters {
	programmeId?: string;
	beneficiaryId?: string;
	status?: MissionStatus;
	from?: IsoDate;
	to?: IsoDate;
}

/** Filter field → its French name in the address. */
const PARAMS = {
	programmeId: 'programme',
	beneficiaryId: 'beneficiaire',
	status: 'statut',
	from: 'du',
	to: 'au'
} as const satisfies Record<keyof MissionFilters, string>;

/**
 * The filters an address carries. An unknown status is dropped; a date typed the French way in a
 * shared address (15/01/2026) is read as such; any other is passed on as written, so that the API
 * refuses a malformed one with its French message rather than ignoring it.
 */
export function filtersFromSearch(params: URLSearchParams): MissionFilters {
	const read = (key: keyof MissionFilters) => params.get(PARAMS[key])?.trim() || undefined;
	return {
		programmeId: read('programmeId'),
		beneficiaryId: read('beneficiaryId'),
		status: MISSION_STATUSES.find((s) => s === read('status')),
		from: readDate(read('from')),
		to: readDate(read('to'))
	};
}

function readDate(raw: string | undefined): string | undefined {
	if (!raw) return undefined;
	const reading = readFrenchDate(raw);
	return reading.ok && reading.date ? reading.date : raw;
}

/** The address's query for the filters ('' when none), in a fixed order. */
export function searchOfFilters(filters: MissionFilters): string {
	const params = new URLSearchParams();
	for (const [key, name] of Object.entries(PARAMS) as [keyof MissionFilters, string][]) {
		const value = filters[key];
		if (value) params.set(name, value);
	}
	const query = params.toString();
	return query ? `?${query}` : '';
}

/** True when a mission spanning start..end meets the period (either bound may be open). */
export function overlapsPeriod(start: IsoDate, end: IsoDate, filters: Pick<MissionFilters, 'from' | 'to'>): boolean {
	if (filters.from && end < filters.from) return false;
	if (filters.to && start > filters.to) return false;
	return true;
}
