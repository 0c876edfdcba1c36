declare module '@socialgouv/jours-feries' {
	/** French public holidays of a year, keyed by their French name, at local midnight. */
	export default function getJoursFeries(
		year: number,
		options?: { alsace?: boolean }
	): Record<string, Date>;
}
