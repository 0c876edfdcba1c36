// frappe-gantt drawing only the rows in view. The library lays every row out by its index and
// draws them all (a layout per bar, every arrow mapped onto every bar: seconds at 3 000 rows). Here
// it keeps every task (dates, scale, the SVG's full height, so the page keeps one vertical
// scroll), but its own Bar code draws only the rows of a window [first, last); rows entering the
// window are drawn, rows leaving it removed. Arrows are drawn when their span crosses the window,
// an end outside it standing on a detached bar (the browser clips the path). After an edit that
// keeps the rows and the plan's first and last dates, only the changed rows are redrawn: that part
// is chart-update.ts, loaded on the first interaction (no page needs it to show the chart).
import Gantt, { type GanttOptions, type GanttTask } from 'frappe-gantt';
import { columnWindow, coversView, overlapping, type ColumnRange } from './column-window';
import { withSharedDateFormats } from './shared-date-formats';

export interface RowRange {
	first: number;
	last: number;
}

/** The parts of the library's Bar and Arrow objects used here. */
export interface Bar {
	task: Task;
	group: SVGGElement;
	$bar: SVGRectElement;
	$date_highlight?: HTMLElement;
	arrows: Arrow[];
}
interface Arrow {
	from_task: Bar;
	to_task: Bar;
	element: SVGElement;
}
export type Task = GanttTask & { _index: number; dependencies: string[] };

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Days of holiday shading computed at once (eight weeks, from a Monday). */
const SHADING_CHUNK_DAYS = 56;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Set before construction: the library draws from inside its constructor. */
let initialRange: RowRange = { first: 0, last: 60 };

export class WindowedGantt extends Gantt {
	declare tasks: Task[];
	declare bars: Bar[];
	declare arrows: Arrow[];
	declare layers: Record<'grid' | 'arrow' | 'progress' | 'bar', SVGGElement>;
	declare config: {
		view_mode: { name: string; step: string };
		header_height: number;
		column_width: number;
		unit: string;
		step: number;
		ignored_dates: Date[];
		ignored_positions: number[];
		ignored_function?: (d: Date) => boolean;
	};
	declare grid_height: number;
	declare gantt_end: Date;
	declare dates: unknown[];
	/** The rows drawn now. */
	declare range: RowRange;
	/** The source rows last given (copies are handed to the library, which mutates them). */
	declare sourceRows: GanttTask[];
	declare byId: Map<string, Task>;
	declare barById: Map<string, Bar>;
	declare ghosts: Map<string, Bar>;
	declare span: string;
	/** The holiday shading was drawn here, without labels: nothing to bind on hover. */
	declare unlabelledHolidays: boolean | undefined;
	/** What is shaded, by colour: days are checked by chunks, when their columns are drawn. */
	declare shadingRules: { color: string; checks: ((d: Date) => boolean)[] }[] | undefined;
	declare shadingChunks: Map<number, Shade[]>;
	/** The time scale's columns drawn now (header labels, ticks, shading). */
	declare columns: ColumnRange;
	/** The last horizontal scroll position set or seen (read without a layout). */
	declare scrollX: number;
	/** Today's column, whose label is highlighted (-1: today is outside the chart). */
	declare todayColumn: number;
	declare $current: HTMLElement | undefined;
	declare $extraUpper: HTMLElement | undefined;
	declare $upper_header: HTMLElement;
	declare $lower_header: HTMLElement;
	declare $adjust: HTMLElement;
	declare upperTexts: HTMLElement[];
	declare lowerTexts: HTMLElement[];
	declare columnLayer: SVGGElement | undefined;
	declare barSpan: { min: number; maxStart: number; maxEnd: number } | undefined;
	declare upperByColumn: Map<number, HTMLElement>;
	declare $svg: SVGSVGElement;
	/** The rows whose bars are drawn (the window asked may be ahead, see setWindow). */
	declare drawnRange: RowRange | undefined;
	declare windowFrame: number | undefined;
	/** Where the first row's top is in the page (px from the document's top), as last measured. */
	declare rowsPageTop: number | undefined;
	declare pageScrollY: number;
	declare listeners: AbortController | undefined;
	declare windowTimer: ReturnType<typeof setTimeout> | undefined;
	/** Called once rows entering the window are drawn (the page decorates the new bars). */
	declare onWindowDrawn: (() => void) | undefined;
	declare scrollFrame: number | undefined;
	declare links: Link[] | undefined;
	declare create_el: (spec: { left?: number; top?: number; classes: string; append_to?: Node }) => HTMLElement;

	static create(wrapper: HTMLElement, rows: GanttTask[], options: GanttOptions, range: RowRange): WindowedGantt {
		initialRange = range;
		const chart = new WindowedGantt(wrapper, rows, options);
		chart.sourceRows = rows;
		// The library grows every bar from nothing (SVG <animate>): half a second of repaints after
		// each load, for an effect no planning tool has. Its timeline stopped, none of them starts.
		chart.$svg.pauseAnimations?.();
		return chart;
	}

	/** Everything drawn again from `rows` (a refused change the library had already drawn). */
	redrawAll(rows: GanttTask[]): void {
		this.sourceRows = rows;
		this.refresh(rows);
	}

	/**
	 * The library's setup_tasks, its date parsing written out for the calendar dates Jalon gives
	 * (a fifth of a large chart's creation went to it); new objects, the rows are not mutated.
	 */
	setup_tasks(tasks: GanttTask[]): void {
		const out: Task[] = [];
		tasks.forEach((row, i) => {
			const task = this.prepareTask(row, i);
			if (task) out.push(task);
		});
		this.tasks = out;
		// @ts-expect-error -- internal method of the library (which successors each task has)
		this.setup_dependencies();
		this.byId = new Map(this.tasks.map((t) => [t.id, t]));
		this.ghosts = new Map();
		this.links = undefined;
	}

	/** One row as the library's task (null: a row the library would refuse). */
	prepareTask(row: GanttTask, index: number): Task | null {
		const start = ISO_DATE.exec(row.start);
		const end = ISO_DATE.exec(row.end);
		const _start = start && new Date(Number(start[1]), Number(start[2]) - 1, Number(start[3]));
		// The library's end is exclusive: the midnight after the last day.
		const _end = end && new Date(Number(end[1]), Number(end[2]) - 1, Number(end[3]) + 1);
		// Anything else (times, durations, spans near the library's ten-year limit) goes through
		// the library's own code.
		if (!_start || !_end || _end < _start || _end.getTime() - _start.getTime() > 9 * 365 * 86_400_000) {
			const tasks = this.tasks;
			try {
				super.setup_tasks(copies([row]));
				const task = this.tasks[0];
				if (task) task._index = index;
				return task ?? null;
			} finally {
				this.tasks = tasks;
			}
		}
		const deps = row.dependencies;
		return new ChartTask(
			row,
			index,
			_start.getTime(),
			_end.getTime(),
			Array.isArray(deps)
				? deps
				: (deps ?? '')
						.split(',')
						.map((d) => d.trim().replaceAll(' ', '_'))
						.filter((d) => d)
		) as unknown as Task;
	}

	get_task(id: string): Task | undefined {
		return this.byId?.get(id);
	}

	/** A bar outside the window answers with its detached box (a predecessor checked during a drag). */
	get_bar(id: string): Bar | undefined {
		const bar = this.barById?.get(id);
		if (bar) return bar;
		const task = this.byId?.get(id);
		return task && this.ghosts ? this.ghost(task) : undefined;
	}

	/**
	 * The SVG as wide as the time scale, and never narrower than its box (CSS): the library
	 * read the SVG's width back to decide, a layout in the middle of the first draw.
	 */
	set_dimensions(): void {
		this.$svg.setAttribute('width', String(this.dates.length * this.config.column_width));
		this.$svg.style.minWidth = '100%';
	}

	/** Every full draw: bars of the window only. */
	make_bars(): void {
		this.span = this.dataSpan();
		this.barById = new Map();
		this.bars = [];
		this.ghosts = new Map();
		this.addBars(this.range.first, this.range.last, 'append');
		this.drawnRange = { ...this.range };
	}

	/** Grid rows (and their lines) of the window only, in a layer redrawn with it. */
	make_grid_rows(): void {
		// The first draw happens inside the library's constructor, before any field is set.
		this.range ??= initialRange;
		const layer = document.createElementNS(SVG_NS, 'g');
		layer.setAttribute('class', 'jalon-window-rows');
		this.layers.grid.appendChild(layer);
		this.drawGridRows();
	}

	make_arrows(): void {
		this.layers.arrow.innerHTML = '';
		this.arrows = [];
		const { first, last } = this.range;
		const barsByIndex: Bar[] = [];
		const depsOf = new Map<Task, string[]>();
		for (const link of this.linkList()) {
			if (link.top >= last || link.bottom < first) continue;
			const deps = depsOf.get(link.to);
			if (deps) deps.push(link.from.id);
			else depsOf.set(link.to, [link.from.id]);
			for (const task of [link.to, link.from])
				barsByIndex[task._index] ??= this.barById.get(task.id) ?? this.ghost(task);
		}
		const wanted = [...depsOf].map(([task, deps]) => ({ ...task, dependencies: deps }));
		if (wanted.length === 0) return;
		const tasks = this.tasks;
		const bars = this.bars;
		this.tasks = wanted;
		this.bars = barsByIndex;
		try {
			super.make_arrows();
		} finally {
			this.tasks = tasks;
			this.bars = bars;
		}
	}

	/** Every link between two rows, with the rows it spans (found once per set of tasks). */
	private linkList(): Link[] {
		if (this.links) return this.links;
		const links: Link[] = [];
		for (const task of this.tasks) {
			for (const id of task.dependencies) {
				const from = this.byId.get(id);
				if (!from) continue;
				const top = Math.min(from._index, task._index);
				const bottom = Math.max(from._index, task._index);
				links.push({ from, to: task, top, bottom });
			}
		}
		this.links = links;
		return links;
	}

	/** Each bar's arrows, through an index (the library scans every arrow for every bar). */
	map_arrows_on_bars(): void {
		const byTask = new Map<string, Arrow[]>();
		for (const arrow of this.arrows) {
			for (const id of [arrow.from_task.task.id, arrow.to_task.task.id]) {
				const list = byTask.get(id) ?? [];
				list.push(arrow);
				byTask.set(id, list);
			}
		}
		for (const bar of [...this.bars, ...this.ghosts.values()]) bar.arrows = byTask.get(bar.task.id) ?? [];
	}

	/**
	 * Moves the window: rows leaving it are removed, rows entering it drawn. When the rows that
	 * can be in view (the window less its margins) are all drawn already, as after a scroll of
	 * up to a screen, the margins are brought up to date after the next frame: the frame that
	 * shows the scroll does not wait for rows nobody sees yet.
	 */
	setWindow(range: RowRange): void {
		// Kept as asked (not clamped to the rows drawn now): the rows may grow before the next draw.
		const first = Math.max(0, range.first);
		const last = Math.max(first, range.last);
		if (first === this.range.first && last === this.range.last) return;
		this.range = { first, last };
		const drawn = this.drawnRange ?? { first: 0, last: 0 };
		const view = this.rowsInView();
		// Nothing of the chart on screen, or all of it drawn: the margins can wait.
		if (view.first >= view.last || (view.first >= drawn.first && view.last <= drawn.last)) {
			if (this.windowFrame === undefined)
				this.windowFrame = requestAnimationFrame(() => {
					this.windowTimer = setTimeout(() => this.applyWindow(), 0);
				});
			return;
		}
		this.applyWindow();
	}

	/**
	 * The rows on screen, from where the page last measured the first row (rowsPageTop) and the
	 * window's scroll seen last: reading the SVG's position (or window.scrollY) here would lay
	 * out the page the scroll just changed (12 ms a step at 3 000 rows). Unmeasured: every row, so that nothing waits.
	 */
	private rowsInView(): RowRange {
		const count = this.tasks.length;
		if (this.rowsPageTop === undefined) return { first: 0, last: count };
		const top = this.rowsPageTop - this.pageScrollY;
		const height = this.rowHeight();
		const first = Math.max(0, Math.floor(-top / height));
		const last = Math.min(count, Math.ceil((window.innerHeight - top) / height));
		return { first, last: Math.max(first, last) };
	}

	/** Draws the window asked last (setWindow), from the one drawn. */
	private applyWindow(): void {
		if (this.windowFrame !== undefined) cancelAnimationFrame(this.windowFrame);
		clearTimeout(this.windowTimer);
		this.windowFrame = undefined;
		const old = this.drawnRange ?? { first: 0, last: 0 };
		const { first, last } = this.range;
		if (first === old.first && last === old.last) return;
		this.drawnRange = { first, last };
		for (const bar of this.bars) {
			if (bar.task._index < first || bar.task._index >= last) this.dropBar(bar);
		}
		this.bars = this.bars.filter((bar) => bar.task._index >= first && bar.task._index < last);
		if (first >= old.last || last <= old.first) {
			// A jump past the old window: nothing kept.
			this.addBars(first, last, 'append');
		} else {
			if (first < old.first) this.addBars(first, old.first, 'prepend');
			if (last > old.last) this.addBars(old.last, last, 'append');
		}
		this.drawGridRows();
		this.make_arrows();
		this.map_arrows_on_bars();
		this.onWindowDrawn?.();
	}

	/**
	 * The library's holiday shading, the same rectangles, without formatting every day of the
	 * chart twice through Intl (its cost grows with the plan's length in days: 0.6 s for an
	 * eleven-year plan). Only day-based and month-based scales; any other goes to the library.
	 */
	highlight_holidays(): void {
		const holidays = this.options.holidays as Record<string, unknown> | undefined;
		if (!holidays) return;
		this.shadingRules = undefined;
		const { unit } = this.config;
		const stepDays = unit === 'day' || unit === 'month' ? 1 : 0;
		const named = Object.values(holidays).some(
			(v) => Array.isArray(v) && v.some((k) => typeof k === 'object' && k !== null)
		);
		if (!stepDays || named || (this.options as { hover_on_date?: boolean }).hover_on_date) {
			this.unlabelledHolidays = false;
			// @ts-expect-error -- internal method of the library
			super.highlight_holidays();
			return;
		}
		this.unlabelledHolidays = true;
		const options = this.options as { is_weekend?: (d: Date) => boolean };
		this.shadingRules = Object.entries(holidays).map(([color, rule]) => {
			const checks: ((d: Date) => boolean)[] = [];
			if (rule === 'weekend' && options.is_weekend) checks.push(options.is_weekend);
			if (Array.isArray(rule)) {
				const days = new Set(rule.filter((k) => typeof k === 'string').map((k) => new Date(`${k} `).getTime()));
				checks.push((d) => days.has(d.getTime()));
				for (const f of rule) if (typeof f === 'function') checks.push(f as (d: Date) => boolean);
			}
			return { color, checks };
		});
		this.shadingChunks = new Map();
	}

	/**
	 * The shaded runs over [from, to] px, computed by chunks of eight weeks when first drawn
	 * (checking every day of a fourteen-year plan for holidays cost 30–40 ms of the first draw).
	 */
	private shadingIn(from: number, to: number): Shade[] {
		if (!this.shadingRules) return [];
		const { unit, step, column_width } = this.config;
		const months = unit === 'month';
		const daysPerPx = ((months ? 30 : 1) * step) / column_width;
		// Month columns are not exactly 30 days: a chunk more on each side.
		const firstDay = Math.max(0, Math.floor(from * daysPerPx) - (months ? 62 : 0));
		const lastDay = Math.ceil(to * daysPerPx) + (months ? 62 : 0);
		const runs: Shade[] = [];
		for (let k = this.chunkOf(firstDay); k <= this.chunkOf(lastDay); k += 1) runs.push(...this.shadingChunk(k));
		return overlapping(runs, from, to);
	}

	/** Chunks start on Mondays (chunk 0: the days before the first one): a weekend is never cut. */
	private chunkOf(day: number): number {
		const toMonday = (8 - this.gantt_start.getDay()) % 7;
		return day < toMonday ? 0 : 1 + Math.floor((day - toMonday) / SHADING_CHUNK_DAYS);
	}

	private shadingChunk(k: number): Shade[] {
		const cached = this.shadingChunks.get(k);
		if (cached) return cached;
		const { unit, step, column_width, ignored_dates, ignored_function } = this.config;
		const dayWidth = column_width / ((unit === 'month' ? 30 : 1) * step);
		const start = this.gantt_start;
		const toMonday = (8 - start.getDay()) % 7;
		const from = k === 0 ? 0 : toMonday + (k - 1) * SHADING_CHUNK_DAYS;
		const to = k === 0 ? toMonday : from + SHADING_CHUNK_DAYS;
		const shades: Shade[] = [];
		for (const { color, checks } of this.shadingRules!) {
			// Consecutive days (a weekend, a bridge) share one rectangle: half as many nodes.
			const runs: { first: Date; days: number }[] = [];
			let extending = false;
			const d = new Date(start.getFullYear(), start.getMonth(), start.getDate() + from);
			for (let i = from; i < to && d <= this.gantt_end; i += 1, d.setDate(d.getDate() + 1)) {
				const shaded =
					!ignored_dates.some((x) => x.getTime() === d.getTime()) &&
					!ignored_function?.(d) &&
					checks.some((check) => check(d));
				if (shaded && extending) runs[runs.length - 1]!.days += 1;
				else if (shaded) runs.push({ first: new Date(d), days: 1 });
				extending = shaded;
			}
			for (const { first, days } of runs)
				shades.push({
					x: Math.round((diff(first, start, unit) / step) * column_width),
					width: days * dayWidth,
					first: `${first.getFullYear()}-${pad(first.getMonth() + 1)}-${pad(first.getDate())}`,
					color
				});
		}
		// Runs of different colours never overlap (a public holiday on a weekend is the weekend's).
		shades.sort((a, b) => a.x - b.x);
		this.shadingChunks.set(k, shades);
		return shades;
	}

	/** The library looks each shaded day's label up in the whole chart; shading drawn here has none. */
	bind_holiday_labels(): void {
		if (this.unlabelledHolidays) return;
		// @ts-expect-error -- internal method of the library
		super.bind_holiday_labels();
	}

	/** Header labels are drawn with their columns (drawColumns), for the columns in view only. */
	make_dates(): void {
		this.upperTexts = [];
		this.lowerTexts = [];
		this.upperByColumn = new Map();
		this.columns = { first: 0, last: 0 };
		this.$extraUpper = undefined;
		this.$current = undefined;
		this.barSpan = undefined;
	}

	/**
	 * Shading, ticks and today's line. Jalon does not use the library's `ignore` option, whose
	 * hatching (and its rewrite of the whole grid layer through innerHTML) is not drawn.
	 */
	make_grid_extras(): void {
		const layer = document.createElementNS(SVG_NS, 'g');
		layer.setAttribute('class', 'jalon-window-columns');
		this.layers.grid.appendChild(layer);
		this.columnLayer = layer;
		this.highlight_holidays();
		this.config.ignored_positions = [];
		this.todayColumn = this.columnOf(new Date());
		// @ts-expect-error -- internal method of the library: today's line and dot
		this.highlight_current();
		// Before the first draw, around where the chart is about to be scrolled.
		this.scrollX ??= Math.max(0, this.scrollTarget(this.options.scroll_to));
		this.drawColumns(true);
	}

	/** Today's column without searching the header for its label (which may not be drawn). */
	get_closest_date(): [Date, HTMLElement] | null {
		const now = new Date();
		if (now < this.gantt_start || now > this.gantt_end) return null;
		const i = this.columnOf(now);
		if (i < 0) return null;
		const d = this.dates[i] as Date;
		const label = this.lowerByColumn(i) ?? document.createElement('div');
		return [new Date(d.getFullYear(), d.getMonth(), d.getDate()), label];
	}

	/**
	 * The library's, without its layout reads (the position read back after scrolling, the
	 * month label's width): the columns around the new position are drawn.
	 */
	set_scroll_position(date: Date | string): void {
		if (date === 'today') {
			this.scroll_current();
			return;
		}
		const left = this.scrollTarget(date);
		// Scrolling lays the page out to clamp the position: in the next frame, whose layout
		// the browser makes anyway, rather than in the middle of the chart's creation.
		cancelAnimationFrame(this.scrollFrame ?? 0);
		// At once: gliding to the kick-off on every load (or change of scale) fired scroll events
		// and redrew the time scale for half a second.
		this.scrollFrame = requestAnimationFrame(() => this.$container.scrollTo({ left, behavior: 'instant' }));
		this.scrollX = Math.max(0, left);
		withSharedDateFormats(() => {
			this.drawColumns();
			this.updateCurrentUpper();
		});
	}

	/** The library's scroll handler reads every bar's box (a layout per scroll event): replaced. */
	bind_bar_events(): void {
		const container = this.$container;
		const add = container.addEventListener.bind(container);
		container.addEventListener = ((type: string, ...rest: [EventListener, AddEventListenerOptions?]) => {
			if (type !== 'scroll') add(type, ...rest);
		}) as typeof container.addEventListener;
		try {
			// @ts-expect-error -- internal method of the library
			super.bind_bar_events();
		} finally {
			delete (container as { addEventListener?: unknown }).addEventListener;
		}
		container.addEventListener('scroll', () => this.onScroll(), { passive: true });
		// Removed by detach() when the page drops the chart.
		this.listeners = new AbortController();
		const { signal } = this.listeners;
		window.addEventListener('resize', () => withSharedDateFormats(() => this.drawColumns()), { passive: true, signal });
		// The page's scroll, read as it happens (capture: before the page moves the window) while
		// the layout is clean: read later, window.scrollY would lay out the rows just updated.
		// (First set with rowsPageTop, where the page is measured.)
		this.pageScrollY = 0;
		window.addEventListener('scroll', () => (this.pageScrollY = window.scrollY), {
			passive: true,
			capture: true,
			signal
		});
	}

	/** The window listeners and pending draws removed (the library itself has no destroy()). */
	detach(): void {
		this.listeners?.abort();
		if (this.windowFrame !== undefined) cancelAnimationFrame(this.windowFrame);
		clearTimeout(this.windowTimer);
		cancelAnimationFrame(this.scrollFrame ?? 0);
	}

	/** After the page set scrollLeft itself (a redraw keeps the user's position). */
	syncColumns(left: number): void {
		// After an edit drawn in place: the same columns and month label.
		if (left === this.scrollX && this.$current?.isConnected) return;
		this.scrollX = left;
		withSharedDateFormats(() => {
			this.drawColumns();
			this.updateCurrentUpper();
		});
	}

	private onScroll(): void {
		const container = this.$container;
		// Reads first, then writes: no layout forced in between.
		this.scrollX = container.scrollLeft;
		const viewWidth = container.offsetWidth;
		withSharedDateFormats(() => {
			this.drawColumns();
			this.updateCurrentUpper(true);
		});
		this.updateAdjust(viewWidth);
	}

	/** The library's "back to the bars" button, from the tasks' dates rather than the bars' boxes. */
	private updateAdjust(viewWidth: number): void {
		if (!this.barSpan) {
			let min = Infinity;
			let maxStart = -Infinity;
			let maxEnd = -Infinity;
			for (const task of this.tasks) {
				const x = this.xOf(task._start!);
				min = Math.min(min, x);
				maxStart = Math.max(maxStart, x);
				maxEnd = Math.max(maxEnd, this.xOf(task._end!));
			}
			this.barSpan = { min, maxStart, maxEnd };
		}
		const { min, maxStart, maxEnd } = this.barSpan;
		const x = this.scrollX;
		const adjust = this.$adjust;
		if (x > maxEnd + 100) {
			adjust.innerHTML = '&larr;';
			adjust.classList.remove('hide');
			adjust.onclick = () => this.$container.scrollTo({ left: maxStart, behavior: 'smooth' });
		} else if (x + viewWidth < min - 100) {
			adjust.innerHTML = '&rarr;';
			adjust.classList.remove('hide');
			adjust.onclick = () => this.$container.scrollTo({ left: min, behavior: 'smooth' });
		} else {
			adjust.classList.add('hide');
		}
	}

	/** Where the library scrolls for `date` (a column's sixth before it). */
	private scrollTarget(date: Date | string | undefined): number {
		let d: Date;
		if (!date || date === 'start') d = this.gantt_start;
		else if (date === 'end') d = this.gantt_end;
		else if (date === 'today') d = new Date();
		else if (typeof date === 'string') {
			const [y, m, day] = date.split('-').map(Number);
			d = new Date(y!, (m ?? 1) - 1, day ?? 1);
		} else d = date;
		return this.xOf(d) - this.config.column_width / 6;
	}

	private xOf(d: Date): number {
		return (diff(d, this.gantt_start, this.config.unit) / this.config.step) * this.config.column_width;
	}

	/** The column holding `d` (-1 before the first). */
	private columnOf(d: Date): number {
		const dates = this.dates as Date[];
		let lo = 0;
		let hi = dates.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (dates[mid]!.getTime() <= d.getTime()) lo = mid + 1;
			else hi = mid;
		}
		return lo - 1;
	}

	private lowerByColumn(i: number): HTMLElement | undefined {
		const cw = this.config.column_width;
		return this.lowerTexts.find((el) => Number.parseFloat(el.style.left) === i * cw);
	}

	/** The library's header entry of column i (labels, x), its predecessor given. */
	private dateInfo(i: number): DateInfo {
		const cw = this.config.column_width;
		const previous = i > 0 ? { date: this.dates[i - 1], x: (i - 1) * cw, column_width: cw } : null;
		// @ts-expect-error -- internal method of the library
		return this.get_date_info(this.dates[i], previous) as DateInfo;
	}

	/**
	 * Header labels, ticks and shading of the columns around the view (a screen each side), when
	 * the ones drawn no longer cover it.
	 */
	private drawColumns(force = false): void {
		const layer = this.columnLayer;
		if (!layer?.isConnected && !force) return;
		if (!layer) return;
		const cw = this.config.column_width;
		const count = this.dates.length;
		// The window's width: no layout, and never narrower than the chart's part of it.
		const width = window.innerWidth || 1280;
		const x = this.scrollX ?? 0;
		if (!force && coversView(this.columns, x, width, cw, count)) return;
		const { first, last } = columnWindow(x, width, cw, count);
		this.columns = { first, last };
		for (const el of this.upperTexts) el.remove();
		for (const el of this.lowerTexts) el.remove();
		this.upperTexts = [];
		this.lowerTexts = [];
		this.upperByColumn = new Map();
		const upper = document.createDocumentFragment();
		const lower = document.createDocumentFragment();
		for (let i = first; i < last; i += 1) {
			const info = this.dateInfo(i);
			if (info.lower_text) {
				const el = this.create_el({
					left: info.x,
					top: info.lower_y,
					classes: `lower-text date_${sanitize(info.formatted_date)}`,
					append_to: lower
				});
				el.textContent = info.lower_text;
				if (i === this.todayColumn) el.classList.add('current-date-highlight');
				this.lowerTexts.push(el);
			}
			if (info.upper_text) {
				const el = this.create_el({ left: info.x, top: info.upper_y, classes: 'upper-text', append_to: upper });
				el.textContent = info.upper_text;
				this.upperTexts.push(el);
				this.upperByColumn.set(i, el);
			}
		}
		this.$upper_header.appendChild(upper);
		this.$lower_header.appendChild(lower);
		this.$current = undefined;

		layer.textContent = '';
		const from = first * cw;
		const to = last * cw;
		const { header_height } = this.config;
		const height = String(this.grid_height - header_height);
		for (const run of this.shadingIn(from, to)) {
			const rect = document.createElementNS(SVG_NS, 'rect');
			rect.setAttribute('x', String(run.x));
			rect.setAttribute('y', String(header_height));
			rect.setAttribute('width', String(run.width));
			rect.setAttribute('height', height);
			rect.setAttribute('class', `holiday-highlight ${run.first}`);
			rect.setAttribute('style', `fill: ${run.color};`);
			layer.appendChild(rect);
		}
		const lines = this.options.lines;
		if (lines === 'none' || lines === 'horizontal') return;
		const thick = (this.config.view_mode as { thick_line?: (d: Date) => boolean }).thick_line;
		for (let i = first; i < last; i += 1) {
			const path = document.createElementNS(SVG_NS, 'path');
			// The library's ticks are one column apart in every view (its month test never matches).
			path.setAttribute('d', `M ${i * cw} ${header_height} v ${height}`);
			path.setAttribute('class', thick?.(this.dates[i] as Date) ? 'tick thick' : 'tick');
			layer.appendChild(path);
		}
	}

	/**
	 * The month (or year) label that sticks to the left edge: the one of the period at the view's
	 * left edge plus the label's width, as the library finds it; drawn apart when its column is
	 * left of the columns drawn.
	 */
	private updateCurrentUpper(scrolling = false): void {
		const count = this.dates.length;
		if (!this.columnLayer || count === 0) return;
		const cw = this.config.column_width;
		const mode = this.config.view_mode as { upper_text?: (d: Date, ld: Date | null, lang?: string) => string };
		if (typeof mode.upper_text !== 'function') return;
		const dateAt = (px: number) => this.dates[Math.max(0, Math.min(count - 1, Math.floor(px / cw)))] as Date;
		const label = (d: Date) => mode.upper_text!(d, null, this.options.language);
		let text = label(dateAt(this.scrollX));
		text = label(dateAt(this.scrollX + upperWidth(text, scrolling)));
		// The nearest column at or before the view whose label is that text.
		let column = -1;
		const start = Math.max(0, Math.min(count - 1, Math.floor(this.scrollX / cw) + 1));
		const upperAt = (i: number) =>
			mode.upper_text!(this.dates[i] as Date, i > 0 ? (this.dates[i - 1] as Date) : null, this.options.language);
		for (let i = start; i >= 0 && i > start - 400; i -= 1) {
			if (upperAt(i) === text) {
				column = i;
				break;
			}
		}
		if (column < 0) return;
		let el = this.upperByColumn.get(column);
		if (!el) {
			if (this.$extraUpper?.dataset.column !== String(column)) {
				this.$extraUpper?.remove();
				const info = this.dateInfo(column);
				const extra = this.create_el({
					left: info.x,
					top: info.upper_y,
					classes: 'upper-text',
					append_to: this.$upper_header
				});
				extra.textContent = text;
				extra.dataset.column = String(column);
				this.$extraUpper = extra;
			}
			el = this.$extraUpper!;
		} else {
			this.$extraUpper?.remove();
			this.$extraUpper = undefined;
		}
		if (el === this.$current) return;
		this.$current?.classList.remove('current-upper');
		el.classList.add('current-upper');
		this.$current = el;
	}

	/** The tasks' first start and last end: the scale depends on nothing else. */
	dataSpan(): string {
		let start = Infinity;
		let end = -Infinity;
		for (const task of this.tasks) {
			// A ChartTask's times without a Date each (an edit compares the plan's span).
			const times = task instanceof ChartTask ? task.times() : [task._start!.getTime(), task._end!.getTime()];
			start = Math.min(start, times[0]!);
			end = Math.max(end, times[1]!);
		}
		return `${start}/${end}`;
	}

	private rowHeight(): number {
		return this.options.bar_height! + this.options.padding!;
	}

	/** The window's grid rows: the elements are kept and moved (only their count changes). */
	private drawGridRows(): void {
		const layer = this.layers.grid.querySelector<SVGGElement>('.jalon-window-rows');
		if (!layer) return;
		const width = String(this.dates.length * this.config.column_width);
		const height = this.rowHeight();
		const horizontal = this.options.lines !== 'none' && this.options.lines !== 'vertical';
		const per = horizontal ? 2 : 1;
		const first = this.range.first;
		const count = Math.max(0, Math.min(this.range.last, this.tasks.length) - first);
		while (layer.childElementCount > count * per) layer.lastElementChild!.remove();
		const fragment = document.createDocumentFragment();
		for (let i = layer.childElementCount / per; i < count; i += 1) {
			const rect = document.createElementNS(SVG_NS, 'rect');
			rect.setAttribute('x', '0');
			rect.setAttribute('height', String(height));
			rect.setAttribute('class', 'grid-row');
			fragment.appendChild(rect);
			if (horizontal) {
				const line = document.createElementNS(SVG_NS, 'line');
				line.setAttribute('x1', '0');
				line.setAttribute('class', 'row-line');
				fragment.appendChild(line);
			}
		}
		layer.appendChild(fragment);
		const children = layer.children;
		for (let i = 0; i < count; i += 1) {
			const y = this.config.header_height + (first + i) * height;
			const rect = children[i * per]!;
			rect.setAttribute('y', String(y));
			rect.setAttribute('width', width);
			if (horizontal) {
				const line = children[i * per + 1]!;
				line.setAttribute('y1', String(y + height));
				line.setAttribute('x2', width);
				line.setAttribute('y2', String(y + height));
			}
		}
	}

	/** Draws the rows [from, to) with the library's own Bar code. */
	addBars(from: number, to: number, where: 'append' | 'prepend' | 'ordered'): void {
		const slice = this.tasks.slice(from, Math.min(to, this.tasks.length));
		if (slice.length === 0) return;
		const created = this.drawBars(slice);
		const layer = this.layers.bar;
		if (where === 'prepend') {
			const fragment = document.createDocumentFragment();
			for (const bar of created) fragment.appendChild(bar.group);
			layer.insertBefore(fragment, layer.firstChild);
		} else if (where === 'ordered') {
			for (const bar of created) {
				const next = this.bars.find((b) => b.task._index > bar.task._index && b.group.parentNode === layer);
				layer.insertBefore(bar.group, next?.group ?? null);
			}
		}
		for (const bar of created) this.barById.set(bar.task.id, bar);
		this.bars = [...this.bars, ...created].sort((a, b) => a.task._index - b.task._index);
	}

	/**
	 * The library's make_bars on a subset of the tasks (its Bar class is not exported). Each bar
	 * would place its label in its own animation frame, reading the label's width right after the
	 * previous bar's write (a layout per bar, the first cost of a large chart): the reads are
	 * made together, then the writes.
	 */
	private drawBars(tasks: Task[]): Bar[] {
		const all = this.tasks;
		const bars = this.bars;
		const frame = window.requestAnimationFrame;
		this.tasks = tasks;
		window.requestAnimationFrame = () => 0;
		let created: Bar[] = [];
		try {
			super.make_bars();
			created = this.bars;
		} finally {
			window.requestAnimationFrame = frame;
			this.tasks = all;
			this.bars = bars;
		}
		frame(() => placeLabels(created));
		return created;
	}

	dropBar(bar: Bar): void {
		bar.group.remove();
		bar.$date_highlight?.remove();
		this.barById.delete(bar.task.id);
	}

	/** A bar outside the window, never attached: where an arrow to it starts or ends. */
	private ghost(task: Task): Bar {
		let ghost = this.ghosts.get(task.id);
		if (!ghost) {
			// Only the box an arrow is drawn from (the library's Bar would build ~10 nodes and
			// their listeners, for a row nobody sees): its x, y, width and height, as Bar computes them.
			const $bar = document.createElementNS(SVG_NS, 'rect');
			const { bar_height, padding } = this.options as { bar_height: number; padding: number };
			const { unit, step, column_width, header_height } = this.config;
			const days = Math.round((task._end!.getTime() - task._start!.getTime()) / 86_400_000);
			const width = ((unit === 'month' ? days / 30 : days) / step) * column_width;
			$bar.setAttribute('x', String(this.xOf(task._start!)));
			$bar.setAttribute('y', String(header_height + padding / 2 + task._index * (bar_height + padding)));
			$bar.setAttribute('width', String(width));
			$bar.setAttribute('height', String(bar_height));
			ghost = { task, $bar, arrows: [] } as unknown as Bar;
			this.ghosts.set(task.id, ghost);
		}
		return ghost;
	}
}

let measure: CanvasRenderingContext2D | null | undefined;

/**
 * A label's width, measured on a canvas in the label's computed font: getBBox() lays the page out
 * (20 ms a frame while scrolling a large plan); a style read does not.
 */
function labelWidth(label: SVGTextElement): number {
	measure ??= document.createElement('canvas').getContext('2d');
	if (!measure) return label.getBBox().width;
	const style = getComputedStyle(label);
	measure.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
	return measure.measureText(label.textContent ?? '').width;
}

/** The library's update_label_position (without thumbnails), every read before any write. */
function placeLabels(bars: Bar[]): void {
	const attached = bars.filter((bar) => bar.group.isConnected);
	const labels = attached.map((bar) => bar.group.querySelector<SVGTextElement>('.bar-label'));
	const widths = labels.map((label) => (label ? labelWidth(label) : 0));
	attached.forEach((bar, i) => {
		const label = labels[i];
		if (!label) return;
		const x = Number(bar.$bar.getAttribute('x'));
		const width = Number(bar.$bar.getAttribute('width'));
		const big = widths[i]! > width;
		label.classList.toggle('big', big);
		label.setAttribute('x', String(big ? x + width + 5 : x + width / 2 - widths[i]! / 2));
	});
}

/** The library's date difference (date_utils.diff) in days or months, rounded to 1/100. */
function diff(a: Date, b: Date, unit: string): number {
	const ms = a.getTime() - b.getTime() + (b.getTimezoneOffset() - a.getTimezoneOffset()) * 60000;
	let value: number;
	if (unit === 'day') value = ms / 86_400_000;
	else {
		let months = (a.getFullYear() - b.getFullYear()) * 12 + a.getMonth() - b.getMonth() + a.getDate() / 31;
		if (a.getDate() < b.getDate()) months -= 1;
		value = months;
	}
	return Math.round(value * 100) / 100;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The library's class-name cleaning of a formatted date. */
const sanitize = (s: string) => s.replaceAll(' ', '_').replaceAll(':', '_').replaceAll('.', '_');

/**
 * A row as the library's task, kept small (a plan of 3 000 rows keeps 3 000 of them): the
 * row's fields are read through from the row, the dates kept as numbers and handed out as
 * new Date objects (the library never mutates the ones it reads). What the library writes
 * (dates after a drag, progress, durations) is kept here. The dates are kept in minutes: a
 * midnight's milliseconds do not fit a small integer, and each was a boxed number (~70 KiB
 * of the page's heap at 3 000 rows); in minutes they do (and any other time reads back exactly).
 */
const MINUTE = 60_000;

class ChartTask {
	readonly id: string;
	private startMinutes: number;
	private endMinutes: number;
	// Written by the library only for the bars it draws or drags: declared, not a slot in each task.
	declare private ownProgress: number | undefined;
	declare actual_duration?: number;
	declare ignored_duration?: number;

	constructor(
		private readonly row: GanttTask,
		public _index: number,
		start: number,
		end: number,
		public dependencies: string[]
	) {
		this.id = row.id.replaceAll(' ', '_');
		this.startMinutes = start / MINUTE;
		this.endMinutes = end / MINUTE;
	}

	get _start(): Date {
		return new Date(Math.round(this.startMinutes * MINUTE));
	}
	times(): [number, number] {
		return [Math.round(this.startMinutes * MINUTE), Math.round(this.endMinutes * MINUTE)];
	}
	set _start(date: Date) {
		this.startMinutes = date.getTime() / MINUTE;
	}
	get _end(): Date {
		return new Date(Math.round(this.endMinutes * MINUTE));
	}
	set _end(date: Date) {
		this.endMinutes = date.getTime() / MINUTE;
	}
	get progress(): number | undefined {
		return this.ownProgress ?? this.row.progress;
	}
	set progress(value: number | undefined) {
		this.ownProgress = value;
	}
	get name(): string {
		return this.row.name;
	}
	get start(): string {
		return this.row.start;
	}
	get end(): string {
		return this.row.end;
	}
	get custom_class(): string | undefined {
		return this.row.custom_class;
	}
	get description(): string | undefined {
		return this.row.description;
	}
}

/** A link's two rows and the rows its arrow spans. */
interface Link {
	from: Task;
	to: Task;
	top: number;
	bottom: number;
}

/** A run of shaded days. */
interface Shade {
	x: number;
	width: number;
	first: string;
	color: string;
}

interface DateInfo {
	x: number;
	formatted_date: string;
	upper_text: string;
	lower_text: string;
	upper_y: number;
	lower_y: number;
}

let upperFont: string | undefined;

/** A month label's width as the library reads it (clientWidth), from a canvas: no layout. */
function upperWidth(text: string, scrolling: boolean): number {
	measure ??= document.createElement('canvas').getContext('2d');
	if (!measure) return 100;
	// The page's font is read once styles are computed (while scrolling): read during the
	// chart's creation, it would compute the whole page's styles then (20 ms at 3 000 rows).
	if (!upperFont && scrolling) upperFont = `500 14px ${getComputedStyle(document.body).fontFamily}`;
	measure.font = upperFont ?? '500 14px sans-serif';
	return measure.measureText(text).width;
}

function copies(rows: GanttTask[]): GanttTask[] {
	return rows.map((row) => ({
		...row,
		dependencies: Array.isArray(row.dependencies) ? [...row.dependencies] : row.dependencies
	}));
}
