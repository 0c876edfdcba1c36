import { mount } from 'svelte';
import App from './App.svelte';
import type { SvarData } from './svar-data';

// The bench server inlines the rows as window.__BENCH_DATA__ before this script runs.
const data = (window as unknown as { __BENCH_DATA__: SvarData }).__BENCH_DATA__;
mount(App, { target: document.getElementById('gantt')!, props: { data } });
