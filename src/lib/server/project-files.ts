// Exchange with MS Project, ProjectLibre and GanttProject: MS Project XML (MSPDI) export and
// import, GanttProject (.gan) export and import. Pure functions (text in, text or a mission
// document with its import report out), so they can run in a worker thread.
export type { ImportDefaults, ImportedProject } from './exchange/imported-plan';
export { exportMspdi, importMspdi } from './exchange/mspdi';
export { exportGanttProject, importGanttProject } from './exchange/ganttproject';
