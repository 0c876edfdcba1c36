// The Gantt chart as a PNG: the SVG export rasterised on the server by resvg with the same
// embedded DejaVu font as the PDF (no system font), at twice its size for print quality. One
// scene, three formats.
import { Resvg } from '@resvg/resvg-js';
import type { IsoDate } from '$lib/domain/dates';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { FONT_FAMILY, FONT_FILES } from './fonts';
import { ganttSvg } from './svg';

/**
 * Bounds of the image: a two-year plan at twice its size made 10 148 × 9 698 px (98 Mpx), which
 * image readers flag as a decompression bomb. Larger drawings are scaled down to fit (the PDF and
 * the SVG keep every detail); the route says so in a header.
 */
export const PNG_MAX_PIXELS = 16_000_000;
export const PNG_MAX_SIDE = 8_000;

/** The zoom of a drawing of width × height: twice its size, less when that exceeds the bounds. */
export function pngZoom(width: number, height: number): number {
	return Math.min(2, PNG_MAX_SIDE / width, PNG_MAX_SIDE / height, Math.sqrt(PNG_MAX_PIXELS / (width * height)));
}

export function ganttPng(plan: MissionPlan, options: { includeTranches: boolean; exportedOn: IsoDate }): Buffer {
	return ganttPngImage(plan, options).png;
}

/** The PNG and the zoom it was drawn at (2, or less for a drawing beyond the bounds). */
export function ganttPngImage(
	plan: MissionPlan,
	options: { includeTranches: boolean; exportedOn: IsoDate }
): { png: Buffer; zoom: number } {
	const svg = ganttSvg(plan, options);
	const [, width, height] = /<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"/.exec(svg) ?? [];
	const zoom = width && height ? pngZoom(Number(width), Number(height)) : 2;
	const image = new Resvg(svg, {
		font: {
			fontFiles: [FONT_FILES.regular, FONT_FILES.bold],
			loadSystemFonts: false,
			defaultFontFamily: FONT_FAMILY,
			sansSerifFamily: FONT_FAMILY
		},
		fitTo: { mode: 'zoom', value: zoom },
		background: '#ffffff'
	});
	return { png: image.render().asPng(), zoom };
}
