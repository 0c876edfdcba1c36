// French labels of the programme enums, for the pages.
export const programmeKindLabels = {
	SCHEME: 'Dispositif de soutien',
	FRAMEWORK_AGREEMENT: 'Accord-cadre à bons de commande'
} as const;

export const programmeRoleLabels = {
	MANAGER: 'Gestion (titulaire)',
	VIEWER: 'Lecture',
	BENEFICIARY: 'Bénéficiaire'
} as const;

export const priceLineKindLabels = {
	PROFILE_DAY: 'Jour de profil',
	TRAINING: 'Format de formation',
	OTHER: 'Autre'
} as const;

export const missionStatusLabels = {
	DRAFT: 'Brouillon',
	ACTIVE: 'En cours',
	COMPLETED: 'Terminée',
	CANCELLED: 'Annulée'
} as const;
