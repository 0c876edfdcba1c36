// The chart's pointer gestures that frappe-gantt does not handle: drawing a link from a bar's end
// handle onto another bar, and a finger (or pen) dragging a bar (the library listens to the mouse
// only). Loaded on the first interaction (GanttChart.svelte): the component decides at once what a
// press is (and stops the library's drag when it must), then hands the events here in order, so a
// gesture started before this module arrives is played once it has.
import { parseRowId } from './gantt-rows';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A gesture under way (one per chart). */
export interface GestureState {
	drawing: { from: string; line: SVGLineElement; pointerId: number } | null;
	touch: { pointerId: number } | null;
}

/** What the gestures need of the chart. */
export interface GestureView {
	container: HTMLElement;
	state: GestureState;
	/** A link drawn from a bar's end handle to another bar. */
	onLink?: (predecessorId: string, successorId: string) => void;
}

/** Event fields read when the event is handled (possibly after its dispatch). */
export type PointerFields = Pick<
	PointerEvent,
	'pointerId' | 'clientX' | 'clientY' | 'screenX' | 'screenY' | 'target' | 'pointerType'
>;

function svgPoint(svg: SVGSVGElement, x: number, y: number) {
	const point = new DOMPoint(x, y).matrixTransform(svg.getScreenCTM()!.inverse());
	return { x: point.x, y: point.y };
}

/** A press on a link handle (`link`) or a finger on a bar (`touch`), as the component told it apart. */
export function pointerDown(view: GestureView, event: PointerFields, kind: 'link' | 'touch'): void {
	const target = event.target as Element;
	if (kind === 'link') {
		const svg = (target as SVGElement).ownerSVGElement;
		const from = target.closest('.bar-wrapper')?.getAttribute('data-id');
		// The bar was redrawn before the gesture could be played: nothing to draw from.
		if (!svg || !from) return;
		const start = svgPoint(svg, event.clientX, event.clientY);
		const line = document.createElementNS(SVG_NS, 'line');
		line.setAttribute('class', 'jalon-link-draft');
		for (const [k, v] of [
			['x1', start.x],
			['y1', start.y],
			['x2', start.x],
			['y2', start.y]
		] as const)
			line.setAttribute(k, String(v));
		svg.appendChild(line);
		view.state.drawing = { from, line, pointerId: event.pointerId };
		return;
	}
	view.state.touch = { pointerId: event.pointerId };
	forward(view, 'mousedown', event);
}

function forward(view: GestureView, type: 'mousedown' | 'mousemove' | 'mouseup', event: PointerFields) {
	const target = type === 'mousedown' ? event.target : document.elementFromPoint(event.clientX, event.clientY);
	(target ?? view.container).dispatchEvent(
		new MouseEvent(type, {
			bubbles: true,
			cancelable: true,
			clientX: event.clientX,
			clientY: event.clientY,
			screenX: event.screenX,
			screenY: event.screenY,
			button: 0,
			buttons: type === 'mouseup' ? 0 : 1
		})
	);
}

export function pointerMove(view: GestureView, event: PointerFields): void {
	const { drawing, touch } = view.state;
	if (drawing && event.pointerId === drawing.pointerId) {
		const svg = drawing.line.ownerSVGElement;
		if (!svg) return;
		const point = svgPoint(svg, event.clientX, event.clientY);
		drawing.line.setAttribute('x2', String(point.x));
		drawing.line.setAttribute('y2', String(point.y));
	} else if (touch && event.pointerId === touch.pointerId) {
		forward(view, 'mousemove', event);
	}
}

export function pointerUp(view: GestureView, event: PointerFields): void {
	const { drawing, touch } = view.state;
	if (drawing && event.pointerId === drawing.pointerId) {
		const { from, line } = drawing;
		view.state.drawing = null;
		line.remove();
		const over = document.elementFromPoint(event.clientX, event.clientY)?.closest('.bar-wrapper');
		const to = over?.getAttribute('data-id');
		const pred = parseRowId(from);
		const succ = to ? parseRowId(to) : null;
		if (pred?.kind === 'task' && succ?.kind === 'task' && succ.id !== pred.id) view.onLink?.(pred.id, succ.id);
	} else if (touch && event.pointerId === touch.pointerId) {
		view.state.touch = null;
		forward(view, 'mouseup', event);
	}
}
