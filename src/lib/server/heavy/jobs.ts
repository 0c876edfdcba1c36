// The heavy jobs, by name: pure functions (no database) that the worker thread runs so that a
// big import or export never blocks other requests. Arguments and results cross the thread
// boundary by structured clone: plain data, Uint8Array for bytes.
import { checkMissionDocument, DocumentImportError, moveDocumentTo, type MissionDocument } from '$lib/mission-document';
import { ganttPdf } from '../gantt-export/pdf';
import { ganttPngImage } from '../gantt-export/png';
import { ganttSvg } from '../gantt-export/svg';
import {
	exportGanttProject,
	exportMspdi,
	importGanttProject,
	importMspdi,
	type ImportDefaults
} from '../project-files';
import { missionWorkbook } from '../spreadsheet';
import { checkPlanSize, HeavyError } from './limits';

/** Refuses an imported document beyond the limits (tasks, links, time span). */
function checkDocumentSize(document: MissionDocument): MissionDocument {
	checkPlanSize({
		tasks: document.tasks,
		links: document.dependencies.length,
		dates: [document.mission.kickoffDate, ...document.deliverables.map((d) => d.plannedDate)]
	});
	return document;
}

/**
 * The live procedures' checks of a document to import (checkMissionDocument), run here rather
 * than on the request loop: the caller passes `checked` to importMissionDocument.
 */
function checkedForImport(document: MissionDocument): MissionDocument {
	try {
		return checkMissionDocument(document);
	} catch (error) {
		if (error instanceof DocumentImportError) throw new HeavyError('VALIDATION', error.message);
		throw error;
	}
}

export const heavyJobs = {
	ganttPdf: async (...args: Parameters<typeof ganttPdf>) => new Uint8Array(await ganttPdf(...args)),
	ganttSvg: (...args: Parameters<typeof ganttSvg>) => ganttSvg(...args),
	ganttPng: (...args: Parameters<typeof ganttPngImage>) => {
		const { png, zoom } = ganttPngImage(...args);
		return { png: new Uint8Array(png), zoom };
	},
	exportMspdi: (...args: Parameters<typeof exportMspdi>) => exportMspdi(...args),
	exportGanttProject: (...args: Parameters<typeof exportGanttProject>) => exportGanttProject(...args),
	missionWorkbook: async (...args: Parameters<typeof missionWorkbook>) =>
		new Uint8Array(await missionWorkbook(...args)),

	/** An MS Project XML or GanttProject file, told apart by its root element. */
	importProject: (content: string, defaults: ImportDefaults) => {
		const head = content.slice(0, 2000);
		let imported;
		try {
			imported =
				/<project[\s>]/.test(head) && !/<Project[\s>]/.test(head)
					? importGanttProject(content, defaults)
					: importMspdi(content, defaults);
		} catch (error) {
			// Only our own refusals are shown: a parser's message is English and may quote the file.
			throw new HeavyError(
				'VALIDATION',
				error instanceof DocumentImportError
					? error.message
					: 'Fichier illisible : ce n’est pas un fichier MS Project (XML) ou GanttProject (.gan) valide et complet.'
			);
		}
		checkDocumentSize(imported.document);
		return { ...imported, document: checkedForImport(imported.document) };
	},

	/** A JSON backup: validated, then moved to a new kick-off date and retitled if asked. */
	missionDocument: (raw: unknown, options: { kickoffDate?: string; title?: string }) => {
		let checked: MissionDocument;
		try {
			checked = checkMissionDocument(raw);
		} catch (error) {
			if (error instanceof DocumentImportError) throw new HeavyError('VALIDATION', error.message);
			throw error;
		}
		let document = checkDocumentSize(checked);
		if (options.kickoffDate) document = checkDocumentSize(moveDocumentTo(document, options.kickoffDate));
		if (options.title) document = { ...document, mission: { ...document.mission, title: options.title } };
		return checkedForImport(document);
	}
};

export type HeavyJobs = typeof heavyJobs;
export type HeavyJobName = keyof HeavyJobs;
