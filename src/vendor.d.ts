declare module '@socialgouv/jours-feries' {
	/** French public holidays of a year, keyed by their French name, at local midnight. */
	export default function getJoursFeries(year: number, options?: { alsace?: boolean }): Record<string, Date>;
}

declare module 'frappe-gantt' {
	/** The subset of frappe-gantt 1.2.2 that Jalon uses (the package ships no types). */
	export interface GanttTask {
		id: string;
		name: string;
		start: string;
		end: string;
		progress?: number;
		dependencies?: string | string[];
		custom_class?: string;
		description?: string;
		_start?: Date;
		_end?: Date;
	}

	export interface PopupContext {
		task: GanttTask;
		set_title(html: string): void;
		set_subtitle(html: string): void;
		set_details(html: string): void;
	}

	export interface GanttOptions {
		view_mode?: string;
		language?: string;
		readonly?: boolean;
		readonly_dates?: boolean;
		readonly_progress?: boolean;
		holidays?: Record<string, unknown>;
		infinite_padding?: boolean;
		move_dependencies?: boolean;
		today_button?: boolean;
		view_mode_select?: boolean;
		scroll_to?: string;
		container_height?: number | 'auto';
		bar_height?: number;
		padding?: number;
		column_width?: number;
		upper_header_height?: number;
		lower_header_height?: number;
		snap_at?: string;
		lines?: 'none' | 'vertical' | 'horizontal' | 'both';
		popup_on?: 'click' | 'hover';
		popup?: false | ((ctx: PopupContext) => void | false | string);
		on_click?: (task: GanttTask) => void;
		on_double_click?: (task: GanttTask) => void;
		on_date_change?: (task: GanttTask, start: Date, end: Date) => void;
		on_progress_change?: (task: GanttTask, progress: number) => void;
		on_view_change?: (mode: unknown) => void;
	}

	export default class Gantt {
		constructor(wrapper: string | HTMLElement | SVGElement, tasks: GanttTask[], options?: GanttOptions);
		refresh(tasks: GanttTask[]): void;
		change_view_mode(mode?: string, maintain_pos?: boolean): void;
		scroll_current(): void;
		set_scroll_position(date: Date | string): void;
		update_options(options: GanttOptions): void;
		hide_popup(): void;
		$container: HTMLElement;
		options: GanttOptions;
		/** Internal: computes the first and last dates drawn (patched in monday-weeks.ts). */
		setup_gantt_dates(keepDates?: boolean): void;
		gantt_start: Date;
		config: { view_mode: { name: string } };
		/** Internal drawing steps, overridden by WindowedGantt (windowed-gantt.ts). */
		make_bars(): void;
		make_arrows(): void;
		make_grid_rows(): void;
		make_grid_ticks(): void;
		map_arrows_on_bars(): void;
		setup_tasks(tasks: GanttTask[]): void;
		get_task(id: string): GanttTask | undefined;
		get_bar(id: string): unknown;
	}
}
