// The Gantt chart for a report: /missions/{id}/gantt.pdf?format=A3&tranches=1, gantt.svg or gantt.png.
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { today } from '$lib/domain/dates';
import { serverCaller } from '$lib/server/caller';
import { checkPlanForRoute, heavyForRoute } from '$lib/server/heavy';
import { pageError } from '$lib/server/page-error';

export const GET: RequestHandler = async (event) => {
	if (!event.locals.user) error(401, { message: 'Connectez-vous pour continuer.' });
	const format = event.params.format;
	if (format !== 'pdf' && format !== 'svg' && format !== 'png')
		error(404, { message: 'Format inconnu : pdf, svg ou png.' });
	const caller = await serverCaller(event);
	const plan = await caller.missions.get({ missionId: event.params.id }).catch(pageError);
	// Drawn in a worker thread; plans beyond the limits (tasks, time span) are refused first.
	checkPlanForRoute({ tasks: plan.tasks, dates: plan.deliverables.map((d) => d.plannedDate) });
	const includeTranches = event.url.searchParams.get('tranches') === '1';
	const name = `jalon-gantt-${(plan.mission.reference ?? plan.mission.id).replace(/[^\w-]+/g, '-')}`;
	if (format === 'svg') {
		return new Response(await heavyForRoute('ganttSvg', [plan, { includeTranches, exportedOn: today() }]), {
			headers: {
				'content-type': 'image/svg+xml; charset=utf-8',
				'content-disposition': `attachment; filename="${name}.svg"`
			}
		});
	}
	if (format === 'png') {
		const { png, zoom } = await heavyForRoute('ganttPng', [plan, { includeTranches, exportedOn: today() }]);
		return new Response(png, {
			headers: {
				'content-type': 'image/png',
				'content-disposition': `attachment; filename="${name}.png"`,
				// A large plan is drawn smaller than twice its size (16 Mpx, 8 000 px a side at most).
				'x-jalon-image-scale': String(Math.round(zoom * 1000) / 1000)
			}
		});
	}
	const paper = event.url.searchParams.get('format') === 'A3' ? 'A3' : 'A4';
	const pdf = await heavyForRoute('ganttPdf', [plan, { paper, includeTranches, exportedOn: today() }]);
	return new Response(pdf, {
		headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${name}.pdf"` }
	});
};
