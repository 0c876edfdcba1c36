// The Gantt chart as a PNG: the SVG export rasterised on the server by resvg with the same
// embedded DejaVu font as the PDF (no system font), at twice its size for print quality. One
// scene, three formats.
import { Resvg } from '@resvg/resvg-js';
import type { IsoDate } from '$lib/domain/dates';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { FONT_FAMILY, FONT_FILES } from './fonts';
import { ganttSvg } from './svg';

export function ganttPng(plan: MissionPlan, options: { includeTranches: boolean; exportedOn: IsoDate }): Buffer {
	const svg = ganttSvg(plan, options);
	const image = new Resvg(svg, {
		font: {
			fontFiles: [FONT_FILES.regular, FONT_FILES.bold],
			loadSystemFonts: false,
			defaultFontFamily: FONT_FAMILY,
			sansSerifFamily: FONT_FAMILY
		},
		fitTo: { mode: 'zoom', value: 2 },
		background: '#ffffff'
	});
	return image.render().asPng();
}
